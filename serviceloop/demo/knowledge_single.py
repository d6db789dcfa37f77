"""Demo articles written in one language only: English, then Simplified Chinese.

Among them the internal note, Hydra's partner document, articles for signed-in customers only, and the
ones still in draft, in review or past their review date. Demo content, not marked for translation.
"""

from __future__ import annotations

from .catalogue import HYDRA, PHOTONIX
from .knowledge_articles import (
    DRAFT,
    HOW,
    IN_REVIEW,
    KP,
    LASERS,
    LATHES,
    MANUAL,
    MOULDING,
    NOTE,
    OVERDUE,
    TRAINING,
    Doc,
    steps,
    text,
)

ENGLISH = [
    Doc("im300-leak", MOULDING, KP, "en", "engineer", "Oil leaking at the clamping cylinder of the IM-300",
        symptom="Hydraulic oil collects under the moving platen or drips from the rear of the clamping "
                "cylinder. The tank loses more than 2 litres a week, and the clamping force on the screen "
                "may fall short of the set value at the end of locking.",
        cause="The rod seal of the clamping cylinder wears quickly when the oil runs hotter than 55 °C or "
              "is contaminated, typically when the oil cooler gets too little cooling water.",
        fix_steps=steps(
            "Open the mould fully, switch off the pump motor and release the accumulator: the gauge must "
            "show 0 bar.",
            "Clean the rod and the gland, run a few dry cycles and watch where oil appears first: rod seal, "
            "pipe fitting or hose.",
            "A leaking fitting: tighten it to the torque in the manual or replace its bonded seal.",
            "A leaking rod seal: order seal kit 45-300-210 and book a service visit; the cylinder head must "
            "be lifted off with a crane.",
            "Check the oil temperature over a shift and keep it between 40 and 50 °C; send an oil sample "
            "for analysis if the oil is dark or cloudy.",
        ),
        models=("IM-300",), fault="leak", module="Hydraulics", tags=("oil leak", "clamping", "seal"),
        visibility="customers"),
    Doc("turret-reference", LATHES, HOW, "en", "fieldtech",
        "Setting the tool turret reference position after a collision",
        body=text(
            "After a collision the turret may index normally while every tool is off by the same small "
            "angle, or the controller reports alarm T-301 “Turret position not confirmed”. Setting the "
            "reference again takes about 20 minutes.",
            steps(
                "Check the turret for damage first: cracked tool holders, chips in the curvic coupling, a "
                "shifted motor coupling. If anything is damaged, stop and open a ticket.",
                "In MDI mode select station 1 and unclamp the turret (M71).",
                "Insert alignment pin 20-200-15 into station 1 and jog the turret until the pin enters the "
                "bore in the housing without force.",
                "Open Maintenance > Turret > Set reference and confirm; the controller stores the encoder "
                "value as the new zero.",
                "Remove the pin, clamp the turret (M70) and index through all stations twice.",
                "Measure a reference tool on the tool setter: its X offset must repeat within 0.005 mm.",
            ),
            "Write the collision and the new reference into the machine's log book.",
        ),
        models=("CL-200",), fault="precision", module="Tool turret",
        tags=("turret", "collision", "reference", "T-301")),
    Doc("lc6020-chiller", LASERS, MANUAL, "en", "engineer",
        "LC-6020 chiller: maintenance schedule and technical data",
        body=text(
            "The dual-circuit chiller cools the laser source (low-temperature circuit) and the cutting head "
            "optics (high-temperature circuit). It is made for us by Photonix Optics.",
            "| Data | Value |\n|---|---|\n| Cooling capacity | 9.5 kW at 25 °C ambient |\n"
            "| Set point, laser source | 22 °C ± 0.5 |\n| Set point, optics | 28 °C ± 1 |\n"
            "| Coolant | Deionised water with 10 % inhibitor CL-INH-2 |\n| Tank | 40 l |",
            "**Maintenance schedule**",
            "- Weekly: check the water level and the conductivity (below 5 µS/cm).\n"
            "- Monthly: clean the condenser air filter.\n"
            "- Every 6 months: replace the deionisation cartridge and the particle filter.\n"
            "- Yearly: drain, flush and refill both circuits; have the refrigerant pressure checked.",
            "Never run the laser with the chiller off or in alarm: condensation on the optics ruins them "
            "within minutes.",
        ),
        models=("LC-6020",), module="Chiller", tags=("chiller", "maintenance", "coolant"), supplier=PHOTONIX),
    Doc("cl500-goodwill", LATHES, NOTE, "en", "expert",
        "Goodwill for CL-500 front spindle bearing failures (serials 5-24-0100 to 5-24-0180)",
        body=text(
            "Machines in this serial range left the factory with front spindle bearings from one lot that "
            "lose preload early. Typical signs: noise above 2 500 rpm and rising spindle temperature after "
            "12 to 30 months.",
            "Agreed with Hydra's service manager: a bearing failure in this range is repaired free of charge "
            "up to 36 months after commissioning, also after the warranty ended. Hydra pays the parts; we "
            "bill our labour to Hydra under agreement HY-2024-07.",
            "**In the ticket:** tag it `goodwill-cl500`, set no charge, photograph the old bearing's lot "
            "number and attach the photo. Customers are told the repair is covered by goodwill; questions "
            "about the cause go to the service manager.",
        ),
        models=("CL-500",), fault="noise", module="Spindle", tags=("goodwill", "bearing", "warranty"),
        visibility="internal"),
    Doc("hydra-gib", LATHES, MANUAL, "en", "partner",
        "CL-300 Y axis: adjusting the gib strip (Hydra HSP-300-12)",
        body=text(
            "Hydra service procedure for technicians of Hydra Präzision. It uses Hydra's tolerance values, "
            "which are not published to customers.",
            steps(
                "Move the Y axis to its centre and switch off the drives.",
                "Clamp a dial indicator to the turret slide, touching the Y slideway.",
                "Push the slide by hand with about 200 N in both directions: play above 0.008 mm calls for "
                "an adjustment.",
                "Loosen the gib lock screws (M6, 4 pieces) and turn the adjusting screw a sixth of a turn at "
                "a time until the play is 0.003–0.005 mm.",
                "Tighten the lock screws to 10 Nm and measure again.",
                "Run the Y axis over its full travel at 5 m/min: the following error in Diagnostics must "
                "stay below 0.010 mm.",
            ),
        ),
        models=("CL-300",), fault="precision", tags=("Y axis", "gib", "slideway"),
        visibility="partner", supplier=HYDRA),
    Doc("im450-overvoltage", MOULDING, KP, "en", "engineer",
        "IM-450: servo alarm “DC link overvoltage” when the mould opens fast",
        symptom="The clamp drive stops with alarm A-512 “DC link overvoltage” at the end of a fast mould "
                "opening, mostly with heavy moulds.",
        cause="Probably the braking energy of the clamp axis exceeds what the braking resistor takes; still "
              "to be confirmed with the drive log of a second machine.",
        fix_steps=steps(
            "Lower the opening speed of the last opening stage by 20 % as a first measure.",
            "Check the braking resistor's resistance (must be 12 Ω ± 5 %).",
        ),
        models=("IM-450",), fault="electrical", module="Controller", tags=("A-512", "servo", "DC link"),
        status=DRAFT),
]  # fmt: skip

CHINESE = [
    Doc("cl200-no-start", LATHES, KP, "zh-hans", "engineer2", "CL-200 开机后数控系统黑屏，无法启动",
        symptom="打开主电源后操作面板指示灯亮，但数控系统屏幕一直黑屏或停留在启动画面，机床无法回零和运行。",
        cause="最常见的原因是电气柜内 24 V 直流电源输出电压过低（低于 22.8 V），或数控单元的 CF "
              "存储卡接触不良。"
              "夏季电气柜温度过高时，电源更容易进入保护性降压。",
        fix_steps=steps(
            "断开主电源，等待 5 分钟后打开电气柜门。",
            "检查电气柜风扇和过滤网，过滤网堵塞时清洁或更换。",
            "重新上电，用万用表测量电源模块 G1 的输出端，电压应在 23.5–24.5 V 之间。",
            "若电压正常，断电后将数控单元背面的 CF 卡拔出并重新插紧。",
            "再次上电。若仍然黑屏，请记录电源模块指示灯的状态并拍照，然后提交工单。",
        ),
        models=("CL-200",), fault="no_start", module="CNC controller", tags=("黑屏", "无法启动", "24V 电源")),
    Doc("lens-check", LASERS, HOW, "zh-hans", "engineer2", "检查和更换激光切割头保护镜片",
        body=text(
            "保护镜片位于聚焦镜下方，防止飞溅物污染聚焦镜。镜片脏污会导致切割能力下降、穿孔时间变长，"
            "严重时烧坏镜座。建议每班检查一次。",
            "**所需物品：** 无尘指套、无水乙醇、无尘棉签、备用保护镜片。",
            steps(
                "激光器切换到待机，关闭切割气体。",
                "清洁切割头外表面，防止取出抽屉时灰尘落入光路。",
                "拔出保护镜片抽屉，对着光线检查镜片：出现斑点、烧痕或裂纹时更换。",
                "轻微脏污可用蘸无水乙醇的棉签单向擦拭，不要来回擦。",
                "装入镜片时注意密封圈位置正确，抽屉推到底并锁紧。",
                "试切后检查切口质量，并在设备日志中记录更换日期。",
            ),
        ),
        models=("LC-3015", "LC-6020"), module="Cutting head", tags=("保护镜片", "切割头", "保养")),
    Doc("moulding-safety", MOULDING, TRAINING, "zh-hans", "expert", "注塑机操作人员安全培训（基础）",
        body=text(
            "**培训对象：** 新入职的注塑机操作人员。**时长：** 半天，含现场演练。",
            "**培训内容**",
            "- 安全门与联锁：安全门打开时锁模和注射必须停止，每班开机前检查一次。\n"
            "- 急停按钮的位置和复位方法。\n"
            "- 高温危险：喷嘴、料筒和清洗出的熔料温度可超过 250 °C，必须佩戴面罩和隔热手套。\n"
            "- 液压系统：维修前必须停泵并释放蓄能器压力。\n"
            "- 锁模区：任何情况下都不得将手伸入模具之间。",
            "**考核：** 笔试十道题，并在设备上演示安全门检查和急停操作，全部通过后方可独立上岗。",
        ),
        models=("IM-150", "IM-300", "IM-450"), tags=("安全", "培训", "新员工"), visibility="customers"),
    Doc("im150-heater", MOULDING, KP, "zh-hans", "engineer2", "IM-150 料筒加热圈温度达不到设定值",
        symptom="料筒某一段温度升温缓慢或始终比设定值低 20 °C 以上，控制器显示该区输出 100%，"
                "制品出现未熔料或缺料。",
        cause="加热圈烧断或接线端子松动氧化；少数情况下是热电偶插入不到位，测得的温度不准确。",
        fix_steps=steps(
            "断开加热电源并挂牌上锁，等待料筒冷却到 60 °C 以下。",
            "用万用表测量该区加热圈的电阻，与铭牌功率换算值相差超过 10% 即需更换。",
            "检查接线端子是否松动、变色，必要时更换端子和高温导线。",
            "确认热电偶插到底并固定牢靠。",
            "上电升温，观察该区温度曲线，应在 30 分钟内达到设定值且波动不超过 ±3 °C。",
        ),
        models=("IM-150",), fault="electrical", module="Heater bands", tags=("加热圈", "温度", "热电偶")),
    Doc("lc6020-dross", LASERS, KP, "zh-hans", "engineer2", "LC-6020 切割碳钢时断面挂渣",
        symptom="切割 10 mm 以上碳钢时，切口底部出现难以去除的挂渣，断面纹路倾斜，切割速度被迫降低。",
        cause="氧气纯度不足（低于 99.5%）或气压不稳定；也可能是喷嘴规格不对或焦点位置偏移。",
        fix_steps=steps(
            "检查气源：更换气瓶或确认管道氧气纯度不低于 99.5%，减压阀出口压力稳定。",
            "核对喷嘴型号与工艺表一致，喷嘴无损伤。",
            "用对焦纸或斜线试切法检查焦点位置，按工艺表重新设定。",
            "清洁保护镜片后重新试切，逐步调整切割速度。",
        ),
        models=("LC-6020",), fault="precision", module="Gas supply", tags=("挂渣", "碳钢", "氧气"),
        status=IN_REVIEW),
    Doc("cl500-chuck", LATHES, KP, "zh-hans", "engineer2", "CL-500 液压卡盘夹紧力不足",
        symptom="重切削时工件在卡盘中打滑，夹紧压力表读数低于设定值，或夹紧后压力缓慢下降。",
        cause="回转油缸内部密封磨损造成内泄漏，或卡盘压力调节阀设定漂移；"
              "卡爪和卡盘内部缺少润滑也会降低实际夹紧力。",
        fix_steps=steps(
            "按卡盘说明书给卡盘加注专用润滑脂，夹紧松开 10 次使润滑脂分布均匀。",
            "用夹紧力测量仪测量实际夹紧力，与卡盘铭牌上的数值对比。",
            "检查并重新设定压力调节阀，锁紧调节螺母。",
            "若夹紧后压力在 5 分钟内下降超过 0.5 MPa，说明回转油缸内泄漏，请提交工单安排更换密封。",
        ),
        models=("CL-500",), fault="wear", module="Hydraulics", tags=("卡盘", "夹紧力", "回转油缸"),
        status=OVERDUE),
]  # fmt: skip
