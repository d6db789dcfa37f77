"""What demo tickets say, in English and Simplified Chinese.

Placeholders: {model} model code, {serial} machine serial, {module} module name, {alarm} alarm code,
{n} a plausible number. Demo content, not UI text, so it is not marked for translation.
"""

from __future__ import annotations

from dataclasses import dataclass

from serviceloop.tickets.models import Category


@dataclass(frozen=True)
class Problem:
    category: str
    fault: str  # fault type code, "" for non-technical questions
    module: str  # preferred module name, "" for any
    en: tuple[str, str]  # subject, body
    zh: tuple[str, str]


T = Category.TECHNICAL
PROBLEMS = [
    Problem(T, "noise", "Spindle",
            ("Spindle makes a grinding noise at high speed",
             "Since this morning the spindle of our {model} (serial {serial}) grinds above {n}00 rpm. "
             "We stopped the job to be safe. Can someone call us back?"),
            ("主轴高速运转时有异响",
             "今天早上开始，我们的 {model}（序列号 {serial}）主轴转速超过 {n}00 转时发出刺耳的异响，"
             "为了安全已经停机，请尽快联系我们。")),
    Problem(T, "overheating", "",
            ("{module} overheats after an hour of production",
             "The {module} of machine {serial} reaches {n} °C after about an hour and the machine stops "
             "with an overheating warning. Ambient temperature in the hall is normal."),
            ("{module}运行一小时后过热",
             "设备 {serial} 的{module}运行约一小时后温度达到 {n} °C，"
             "机床报温度警告后停机。车间环境温度正常。")),
    Problem(T, "alarm", "CNC controller",
            ("Alarm {alarm} on the controller",
             "Our operator gets alarm {alarm} every few cycles on the {model}. Resetting clears it, but it "
             "comes back. Screenshot of the alarm history is attached to our e-mail."),
            ("控制系统报警 {alarm}",
             "{model} 每隔几个循环就出现 {alarm} 报警，复位后可以继续运行，但很快又会出现。"
             "报警历史截图已通过邮件发送。")),
    Problem(T, "leak", "Hydraulics",
            ("Hydraulic leak: oil under the machine",
             "There is a puddle of hydraulic oil under {serial} every morning, about {n} cl. "
             "The oil level drops slowly. Which seal should we order?"),
            ("设备下方液压油泄漏",
             "每天早上 {serial} 下方都有一滩液压油，大约 {n} 厘升，油位在缓慢下降。"
             "请问需要订购哪个密封件？")),
    Problem(T, "precision", "",
            ("Parts out of tolerance since last week",
             "Parts from {serial} are {n} µm out of tolerance since last week. We checked the tools and "
             "the program; nothing changed on our side."),
            ("上周起加工精度下降",
             "从上周开始，{serial} 加工的零件超差 {n} 微米。刀具和程序都检查过了，我们这边没有任何变动。")),
    Problem(T, "software", "",
            ("Controller freezes after the software update",
             "After installing the update you sent, the HMI of our {model} freezes when we open the tool "
             "table. We have to switch the machine off and on."),
            ("软件升级后控制系统死机",
             "安装你们发来的升级包后，{model} 的操作界面打开刀具表时就会死机，只能断电重启。")),
    Problem(T, "electrical", "Electrical cabinet",
            ("Main breaker trips when the machine starts",
             "The main breaker in the electrical cabinet of {serial} trips a few seconds after power-on. "
             "Our electrician measured the supply: {n}0 V on all phases."),
            ("开机时总断路器跳闸",
             "{serial} 电气柜的总断路器在上电几秒后跳闸。我们的电工测量了供电电压，三相均为 {n}0 V。")),
    Problem(T, "vibration", "",
            ("Strong vibration during roughing",
             "When roughing on {serial} the whole machine vibrates and the surface finish is poor. "
             "It started after a crash last month."),
            ("粗加工时振动严重",
             "{serial} 粗加工时整机振动，表面质量很差。上个月发生过一次撞机，之后就开始出现这个问题。")),
    Problem(T, "no_start", "",
            ("Machine does not start after the weekend",
             "{serial} does not start this Monday: the screen stays black. Production is waiting for it."),
            ("周末过后设备无法启动",
             "周一上班后 {serial} 无法启动，屏幕一直黑屏，生产线在等这台设备。")),
    Problem(T, "power_loss", "Laser source",
            ("Cutting power drops on thick plates",
             "Our {model} no longer cuts {n} mm steel cleanly; the laser power seems lower than before."),
            ("激光功率下降，厚板切不透",
             "我们的 {model} 现在切不透 {n} 毫米的钢板，激光功率似乎比以前低了。")),
    Problem(T, "wear", "",
            ("Worn part on the {module}, need a replacement",
             "A part of the {module} on {serial} is visibly worn. Please tell us the part number and "
             "whether it is covered by warranty."),
            ("{module}零件磨损，需要更换",
             "{serial} 的{module}有零件明显磨损，请告知零件号以及是否在保修范围内。")),
    Problem(Category.ORDER, "", "",
            ("Status of our spare parts order",
             "We ordered a seal kit and two filters for {serial} {n} days ago. When will they ship?"),
            ("备件订单进度查询",
             "我们 {n} 天前为 {serial} 订购了密封件套装和两个过滤器，请问什么时候发货？")),
    Problem(Category.PRODUCT, "", "",
            ("How do we set up the tool life management?",
             "Our new operators want to use tool life management on the {model}. Is there a short guide?"),
            ("如何设置刀具寿命管理？",
             "我们的新操作员想在 {model} 上使用刀具寿命管理功能，有没有简单的操作说明？")),
    Problem(Category.COMPLAINT, "", "",
            ("Engineer visit was postponed twice",
             "The service visit for {serial} has been postponed twice now. This is not acceptable for us."),
            ("工程师上门服务两次推迟",
             "{serial} 的上门服务已经推迟两次了，我们无法接受。")),
    Problem(Category.OTHER, "", "",
            ("Operator training for new staff",
             "We hired {n} new operators and would like a two-day training on site next month."),
            ("新员工操作培训",
             "我们新招了 {n} 名操作员，希望下个月安排两天的现场培训。")),
]  # fmt: skip

STAFF_REPLIES = {
    "en": [
        "Thank you for the details. Could you send us a photo of the {module} and the alarm history?",
        "We have checked the service records of {serial}. Please try the steps in the attached guide "
        "and tell us whether the problem persists.",
        "Our engineer will call you today to go through the diagnosis together.",
        "The spare part is reserved for you and ships tomorrow morning.",
    ],
    "zh-hans": [
        "感谢您提供的信息。请发给我们{module}的照片和报警记录。",
        "我们查看了 {serial} 的维修记录，请按照附件中的步骤操作，并告诉我们问题是否仍然存在。",
        "我们的工程师今天会给您打电话，一起进行诊断。",
        "备件已为您预留，明天上午发货。",
    ],
}
CUSTOMER_REPLIES = {
    "en": [
        "Photos attached. The noise is loudest when the {module} warms up.",
        "We tried the steps; the alarm did not come back for two shifts.",
        "Thanks, we are available all day tomorrow for the call.",
        "Still the same problem this morning, unfortunately.",
    ],
    "zh-hans": [
        "照片已附上。{module}升温后声音最明显。",
        "按照步骤操作后，两个班次都没有再出现报警。",
        "谢谢，我们明天全天都可以接电话。",
        "很遗憾，今天早上问题依旧。",
    ],
}
NOTES = {
    "en": [
        "Checked warranty: {serial} is covered until the date in the machine record.",
        "Similar case last year at another customer: bearing preload. Asked engineering for a second look.",
        "Customer is a key account, keep the manager informed.",
        "Partner confirmed the part is in stock in their warehouse.",
    ],
    "zh-hans": [
        "已核实保修：{serial} 仍在保修期内。",
        "去年其他客户有类似案例，原因是轴承预紧力不足，已请工程部复核。",
        "大客户，请随时向经理通报进展。",
        "合作伙伴确认仓库有现货。",
    ],
}
SOLUTIONS = {
    "en": [
        "Replace the spindle bearings and re-align the {module}; about 6 hours on site.",
        "Update the controller firmware to the latest release remotely and reset the parameters.",
        "Send the seal kit and guide the customer's maintenance team through the replacement by video.",
    ],
    "zh-hans": [
        "更换主轴轴承并重新校准{module}，现场约需 6 小时。",
        "远程将控制系统固件升级到最新版本并重置参数。",
        "寄送密封件套装，并通过视频指导客户维修人员更换。",
    ],
}
VERIFY = {
    "en": ["The fix is in place. Please run a few parts and confirm that everything works."],
    "zh-hans": ["问题已处理完毕，请试加工几件产品并确认一切正常。"],
}
THANKS = {
    "en": ["Everything works again, thank you for the quick help!", "Confirmed, parts are in tolerance."],
    "zh-hans": ["设备已恢复正常，感谢你们的快速支持！", "已确认，零件尺寸合格。"],
}
PROMISES = {
    "en": ["Call back with the spare part delivery date", "Send an engineer on site",
           "Send the updated firmware and instructions"],
    "zh-hans": ["回电告知备件到货日期", "安排工程师上门", "发送新版固件和操作说明"],
}  # fmt: skip
TAGS = ["warranty", "spare-parts", "remote-session", "on-site", "firmware", "training", "备件", "保修"]
MODULES_ZH = {
    "Spindle": "主轴", "CNC controller": "数控系统", "Hydraulics": "液压系统", "Electrical cabinet": "电气柜",
    "Tool turret": "刀塔", "Coolant system": "冷却液系统", "Laser source": "激光器", "Cutting head": "切割头",
    "Chiller": "冷水机", "Gas supply": "供气系统", "Injection unit": "注射单元", "Clamping unit": "合模单元",
    "Controller": "控制器", "Heater bands": "加热圈", "Mould cooling": "模具冷却",
}  # fmt: skip
