"""What the demo knowledge base says, in English and Simplified Chinese.

Demo content, not UI text, so it is not marked for translation. Products, alarm codes and part
numbers are those of the demo catalogue (catalogue.py); they are made up.
"""

from __future__ import annotations

from dataclasses import dataclass

LATHES, LASERS, MOULDING, PORTAL = (
    "CNC lathes", "Laser cutters", "Injection moulding machines", "Using the service portal"
)  # fmt: skip
# name, product line ("" for none), owner's login, review every (days)
CATEGORIES = [
    (LATHES, LATHES, "engineer", 365),
    (LASERS, LASERS, "engineer", 180),
    (MOULDING, MOULDING, "expert", 365),
    (PORTAL, "", "expert", 730),
]

# Where each article ends up; OVERDUE is published with its review date already passed.
PUBLISHED, IN_REVIEW, DRAFT, OVERDUE = "published", "in_review", "draft", "overdue"


@dataclass(frozen=True)
class Doc:
    key: str
    category: str
    kind: str
    language: str
    author: str  # login
    title: str
    body: str = ""
    symptom: str = ""
    cause: str = ""
    fix_steps: str = ""
    models: tuple[str, ...] = ()
    fault: str = ""  # fault type code
    module: str = ""
    tags: tuple[str, ...] = ()
    visibility: str = "public"
    supplier: str = ""
    status: str = PUBLISHED
    translation_of: str = ""  # key of the article this is a language version of


def steps(*lines: str) -> str:
    return "\n".join(f"{n}. {line}" for n, line in enumerate(lines, start=1))


def text(*paragraphs: str) -> str:
    return "\n\n".join(paragraphs)


KP, HOW, MANUAL, TRAINING, NOTE = "known_problem", "how_to", "manual", "training", "internal_note"

LANGUAGE_PAIRS = [
    Doc("spindle-hot", LATHES, KP, "en", "fieldtech",
        "Spindle temperature alarm after 30–60 minutes at high speed",
        symptom="During long roughing cycles the spindle temperature climbs steadily and the controller "
                "stops the spindle with alarm SP-1043 “Spindle overtemperature” after 30 to 60 minutes. "
                "The housing is hot at the front bearing. After 20 minutes of cooling the machine runs "
                "again.",
        cause="The spindle cooling unit circulates oil through the housing. Its suction strainer and the "
              "fins of the oil cooler clog with coolant mist and fine chips, so less heat is carried away. "
              "Shops with oil-based coolant or much dust see it first; the bearings are usually fine.",
        fix_steps=steps(
            "Stop the spindle and switch off the cooling unit at breaker Q14 in the electrical cabinet.",
            "Check the oil level in the sight glass; top up with ISO VG 10 spindle oil if it is below the "
            "mark.",
            "Remove the side panel of the cooling unit and blow the cooler fins clean with dry compressed "
            "air, from the inside outwards, at 4 bar at most.",
            "Unscrew the suction strainer at the tank outlet, wash it in solvent and refit it with a new "
            "O-ring (part 30-118-07).",
            "Run the spindle at half its top speed for 15 minutes. In Diagnostics > Spindle the oil outlet "
            "temperature must stay within 3 °C of the room temperature.",
            "If the alarm comes back within a week, open a ticket and attach the spindle temperature log: "
            "the bearings may need an inspection.",
        ),
        models=("CL-300", "CL-500"), fault="overheating", module="Spindle",
        tags=("spindle", "temperature", "cooling", "SP-1043")),
    Doc("spindle-hot-zh", LATHES, KP, "zh-hans", "engineer2",
        "高速运转 30–60 分钟后出现主轴温度报警",
        symptom="长时间粗加工时主轴温度持续上升，运行 30 至 60 分钟后数控系统报警 "
                "SP-1043“主轴过热”并停止主轴。"
                "前轴承处的主轴箱体明显发烫。冷却约 20 分钟后机床可以重新运行。",
        cause="主轴冷却单元通过主轴箱体循环冷却油。吸油滤网和油冷却器散热片会逐渐被切削液油雾和细小切屑堵塞，"
              "散热能力随之下降。使用油性切削液或粉尘较多的车间最先出现此问题；轴承本身通常没有损坏。",
        fix_steps=steps(
            "停止主轴，在电气柜中断开主轴冷却单元的断路器 Q14。",
            "通过油窗检查冷却单元油位，低于刻度线时补充 ISO VG 10 主轴油。",
            "拆下冷却单元侧板，用干燥的压缩空气（不超过 4 bar）从内向外吹净散热片。",
            "拧下油箱出口处的吸油滤网，用清洗剂洗净后装回，并更换新的 O 形圈（零件号 30-118-07）。",
            "以最高转速的一半运行主轴 15 分钟。在“诊断 > 主轴”画面中，出油温度与室温之差应不超过 3 °C。",
            "如果一周内再次报警，请提交工单并附上主轴温度记录：可能需要检查轴承。",
        ),
        models=("CL-300", "CL-500"), fault="overheating", module="Spindle",
        tags=("主轴", "过热", "冷却", "SP-1043"), translation_of="spindle-hot"),
    Doc("laser-e217", LASERS, KP, "en", "engineer",
        "Alarm E-217 “Height sensor signal lost” on the cutting head",
        symptom="The cutter stops while piercing or at the start of a contour with alarm E-217; the head "
                "retracts and the laser switches off. The alarm may clear after a restart and return within "
                "a few sheets.",
        cause="The capacitive height sensor measures the gap between nozzle and sheet. Spatter on the "
              "nozzle, a loose nozzle, a cracked ceramic ring or a chafed sensor cable interrupt its signal. "
              "After a collision the ceramic ring often has a hairline crack that is easy to miss.",
        fix_steps=steps(
            "Move the head to the service position and switch the laser source to standby.",
            "Unscrew the nozzle and check it for spatter and dents; replace it if the bore is no longer "
            "round.",
            "Take off the ceramic ring and hold it against the light. Replace it if it shows any crack; "
            "tighten the new ring by hand only.",
            "Follow the sensor cable along the Z axis and look for kinks or worn insulation, above all where "
            "it enters the drag chain.",
            "Calibrate the sensor (Service > Head > Calibrate capacitance) over a clean, flat sheet.",
            "Cut a test contour. If E-217 returns, note the sensor value shown in Diagnostics and open a "
            "ticket.",
        ),
        models=("LC-3015", "LC-6020"), fault="alarm", module="Cutting head",
        tags=("E-217", "height sensor", "nozzle", "ceramic ring")),
    Doc("laser-e217-zh", LASERS, KP, "zh-hans", "engineer2",
        "切割头报警 E-217“高度传感器信号丢失”",
        symptom="穿孔时或轮廓起点处设备停机并报警 E-217，切割头抬起，激光关闭。重启后报警可能消失，"
                "但切几张板后又会出现。",
        cause="电容式高度传感器测量喷嘴与板材之间的距离。喷嘴上的飞溅物、喷嘴松动、"
              "陶瓷环开裂或传感器电缆磨损都会中断信号。"
              "发生碰撞后，陶瓷环常有不易察觉的细微裂纹。",
        fix_steps=steps(
            "将切割头移至维护位置，激光器切换到待机状态。",
            "拧下喷嘴，检查是否有飞溅物或变形；喷嘴孔不再圆整时予以更换。",
            "取下陶瓷环，对着光线检查。发现任何裂纹都应更换；新陶瓷环只能用手拧紧。",
            "沿 Z 轴检查传感器电缆是否弯折或绝缘层磨损，尤其是进入拖链的位置。",
            "在干净平整的板材上方执行传感器标定（维护 > 切割头 > 电容标定）。",
            "试切一个轮廓。如果再次出现 E-217，请记下诊断画面中的传感器数值并提交工单。",
        ),
        models=("LC-3015", "LC-6020"), fault="alarm", module="Cutting head",
        tags=("E-217", "高度传感器", "喷嘴", "陶瓷环"), translation_of="laser-e217"),
    Doc("purging", MOULDING, HOW, "en", "engineer", "Changing colour or material: purging the barrel",
        body=text(
            "Material left in the screw and barrel after a change of colour or resin shows up as streaks in "
            "the first parts. A planned purge keeps that scrap low.",
            "**Before you start:** wear a face shield and heat-resistant gloves, as purged melt is hot and "
            "can spit. Dry the new material as its data sheet says.",
            steps(
                "Close the hopper slide and run the screw empty at the current temperature.",
                "Retract the injection unit from the mould.",
                "Fill in about 1 kg of purging compound or of the new material.",
                "Purge in short shots at low injection speed until the melt comes out clean. For a change "
                "from dark to light, use purging compound and raise the barrel 10–20 °C above the "
                "processing temperature.",
                "Set the temperatures for the new material, let them settle for 10 minutes and purge again.",
                "Move the unit forward, mould five parts and check them for streaks before releasing "
                "production.",
            ),
            "**Tip:** light to dark needs far less purging than dark to light; plan the order of your jobs "
            "accordingly.",
        ),
        models=("IM-150", "IM-300", "IM-450"), module="Injection unit",
        tags=("purging", "colour change", "material change")),
    Doc("purging-zh", MOULDING, HOW, "zh-hans", "engineer2", "换色或换料：料筒清洗方法",
        body=text(
            "换色或更换树脂后，残留在螺杆和料筒中的旧料会在最初的制品上形成色纹。"
            "有计划地清洗料筒可以减少废品。",
            "**开始之前：** 佩戴面罩和隔热手套，清洗出的熔料温度很高，可能飞溅。按照新材料的数据表进行干燥。",
            steps(
                "关闭料斗闸板，在当前温度下将螺杆中的料射空。",
                "将注射座从模具后退。",
                "加入约 1 kg 清洗料或新材料。",
                "以低注射速度分多次短射，直到熔料干净为止。由深色换浅色时，使用专用清洗料，"
                "并将料筒温度提高到加工温度以上 10–20 °C。",
                "设定新材料的温度，稳定 10 分钟后再次清洗。",
                "注射座前进，试打五模，检查无色纹后再放行生产。",
            ),
            "**提示：** 由浅色换深色比由深色换浅色所需的清洗量少得多，安排生产顺序时请考虑这一点。",
        ),
        models=("IM-150", "IM-300", "IM-450"), module="Injection unit",
        tags=("清洗料筒", "换色", "换料"), translation_of="purging"),
    Doc("portal-report", PORTAL, HOW, "en", "expert", "Reporting a machine problem in the service portal",
        body=text(
            "You can report a problem in the service portal at any time; we answer within the response time "
            "of your service agreement.",
            steps(
                "Sign in and choose **New request**.",
                "Pick the machine from your list. Its serial number is on the type plate, usually on the "
                "door of the electrical cabinet.",
                "Describe what happens and since when, and what the machine shows: the alarm number and "
                "text, a photo of the screen, a short video of a noise.",
                "Say whether the machine is stopped or can keep producing; this sets the priority.",
                "Send the request. You receive an e-mail with the ticket number; reply to it to add "
                "information.",
            ),
            "Search the help centre first: many alarms have a known fix you can apply in a few minutes.",
        ),
        tags=("portal", "ticket", "report a problem")),
    Doc("portal-report-zh", PORTAL, HOW, "zh-hans", "engineer2", "在服务门户中报告设备故障",
        body=text(
            "您可以随时在服务门户中报告故障；我们会在服务协议规定的响应时间内答复。",
            steps(
                "登录后选择 **新建请求**。",
                "从列表中选择设备。序列号印在铭牌上，铭牌通常位于电气柜门上。",
                "描述发生了什么、从何时开始，以及设备显示的内容：报警号和报警文字、屏幕照片、异响的短视频。",
                "说明设备是否已停机，还是可以继续生产；这决定处理的优先级。",
                "提交请求。您会收到一封带有工单号的电子邮件；直接回复该邮件即可补充信息。",
            ),
            "报告之前，请先在帮助中心搜索：很多报警都有几分钟就能完成的已知解决办法。",
        ),
        tags=("门户", "工单", "报告故障"), translation_of="portal-report"),
]  # fmt: skip
