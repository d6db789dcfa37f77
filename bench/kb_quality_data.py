"""The knowledge base quality benchmark's corpus (issue 6), written for Serviceloop; its labelled
queries are in kb_quality_queries.py.

About sixty articles a machine maker's service desk would keep, half in Simplified Chinese and half in
English: known problems (title, symptom, cause, fix steps) and how-tos or manuals (title, body), for
CNC lathes (CL-200/300/500), fibre laser cutters (LC-3015/6020), injection moulding machines
(IM-150/300/450) and servo presses (HX-2000/3000). Several are near neighbours on purpose (three
spindle problems, three overheating problems, three safety-circuit alarms, two lubrication alarms), so
only a ranking that reads the whole question puts the right one on top.
"""

from __future__ import annotations

from .kb_quality_docs import EN, ZH, Doc, Query, howto, kp
from .kb_quality_lathes import LATHES

__all__ = ["ARTICLES", "Doc", "Query"]


# The tables below keep one article (or one article's queries) per block, as written.
# fmt: off
LASERS = [
    kp("laser-no-cut-zh", ZH, "激光切割切不透板材",
       "LC-3015切割10毫米碳钢时底部有部分切不透，火花向上飞溅，之前同样的参数可以正常切割。",
       "焦点位置偏移、喷嘴损坏或保护镜片脏污导致到达板材的功率不足。",
       "1. 检查并更换保护镜片。\n"
       "2. 检查喷嘴是否变形，做一次对中。\n"
       "3. 用打点法重新标定焦点位置，必要时降低切割速度10%。",
       "切割头", ("切割", "焦点")),
    kp("dross-nitrogen", EN, "Burrs and dross under stainless steel cut with nitrogen",
       "Stainless sheet cut with nitrogen on the LC-6020 has hard drops of metal stuck to the bottom "
       "edge that need grinding.",
       "Gas pressure too low at the nozzle, focus too high, or a nozzle diameter too small for the "
       "thickness.",
       "1. Check the nitrogen pressure at the cutting head (16 to 20 bar for 6 mm stainless).\n"
       "2. Move the focus 0.5 mm lower into the sheet.\n"
       "3. Use a larger nozzle (3.0 mm) and test again.",
       "Cutting head", ("dross", "nitrogen", "stainless")),
    kp("chiller-alarm-zh", ZH, "冷水机报警：水温过高",
       "激光切割机运行中冷水机报警，激光器水温超过30度，激光器自动关光。",
       "冷水机冷凝器积灰，车间温度过高，或冷却水不足。",
       "1. 清理冷水机冷凝器和防尘网。\n"
       "2. 检查水位，补充纯净水或去离子水。\n"
       "3. 确认冷水机周围通风良好，距离墙壁至少50厘米。",
       "冷水机", ("冷水机", "水温")),
    kp("height-sensor", EN, "Cutting head collision alarm E-217 (height sensor)",
       "The cutting head stops with E-217 CAPACITIVE SENSOR ERROR, sometimes after touching the sheet; "
       "the head moves up and down unevenly.",
       "The capacitive height sensor needs calibrating after a nozzle change, or its cable or the "
       "ceramic ring is damaged.",
       "1. Clean the nozzle and check the ceramic ring for cracks.\n"
       "2. Run the height sensor calibration on a flat clean sheet.\n"
       "3. If E-217 comes back, replace the sensor cable.",
       "Cutting head", ("collision", "sensor")),
    howto("protective-window-zh", ZH, "保护镜片的清洁与更换",
          "每班开始前检查切割头保护镜片。关闭激光，拉出保护镜片抽屉，用镜片纸蘸无水乙醇从中心向外"
          "单方向擦拭。发现烧点、裂纹或无法擦净的污点时更换新镜片。安装时戴手套，注意密封圈方向，"
          "装好后立即关闭抽屉以免灰尘进入。",
          "切割头", tags=("镜片", "保养")),
    howto("nozzle-centering", EN, "Centering the nozzle with the tape test",
          "Stick clear tape over the nozzle opening, fire a single low-power pulse and look at the hole in "
          "the tape. The burn mark must be in the middle of the nozzle print. Turn the two centering screws "
          "of the cutting head to move it, and repeat until it is centred. Centre the beam after every "
          "nozzle change and every crash.",
          "Cutting head", tags=("nozzle", "beam")),
    kp("laser-power-zh", ZH, "激光器输出功率下降",
       "同样的板材需要降低速度才能切透，功率计测得的实际功率比标称值低20%。",
       "QBH输出头的镜片污染或光纤接口进灰，少数情况是激光模块老化。",
       "1. 在洁净环境下检查QBH输出头镜片。\n"
       "2. 测量各激光模块的输出功率。\n"
       "3. 联系光源供应商检测，不要自行拆开激光器。",
       "激光器", ("功率", "激光器")),
    kp("assist-gas-low", EN, "Assist gas pressure low alarm during cutting",
       "The cut stops with GAS PRESSURE LOW at the start of a sheet although the oxygen bottle bank is "
       "full.",
       "The pressure regulator freezes at high flow with bottle supply, or the proportional valve is dirty.",
       "1. Check the pressure at the machine inlet while cutting.\n"
       "2. Use a bundle or tank supply with a heated regulator for high flows.\n"
       "3. Clean or replace the proportional valve's inlet filter.",
       "Gas supply", ("gas", "oxygen")),
    kp("pallet-stuck-zh", ZH, "交换工作台卡住不动",
       "交换工作台在换台过程中停在中间，报警提示交换超时，链条有异响。",
       "导轨上有熔渣堆积、链条松弛或限位开关位置不对。",
       "1. 清理交换台导轨和滚轮上的熔渣。\n"
       "2. 检查链条张紧度并润滑。\n"
       "3. 检查换台限位开关，手动模式下慢速完成一次交换。",
       "交换工作台", ("交换台",)),
]

MOULDING = [
    kp("short-shot", EN, "Short shots: moulded parts not completely filled",
       "On the IM-300 the far end of the part is missing or thin; the problem gets worse over the shift.",
       "Melt temperature or injection pressure too low, a worn check ring letting melt flow back, or "
       "the mould's vents blocked.",
       "1. Check the actual barrel temperatures against the set values.\n"
       "2. Watch the cushion: if it goes to zero, the check ring is worn.\n"
       "3. Clean the mould's vents and raise injection pressure in steps of 5 %.",
       "Injection unit", ("short shot", "filling")),
    kp("flash-zh", ZH, "注塑件出现飞边",
       "制品分型面处有薄薄的多余塑料（毛边），需要人工修剪。",
       "锁模力不足、模具分型面磨损或有异物，也可能是注射压力或料温过高。",
       "1. 清洁模具分型面，检查有无压伤。\n"
       "2. 检查锁模力设定，适当提高10%。\n"
       "3. 降低保压压力和料温，观察飞边是否减少。",
       "锁模单元", ("飞边", "毛边")),
    kp("heater-zone", EN, "Barrel heating zone does not heat (thermocouple alarm)",
       "One barrel zone stays cold; the controller shows ZONE 3 THERMOCOUPLE OPEN or the temperature "
       "does not rise.",
       "A heater band burnt out, its fuse blew, or the thermocouple is broken or not seated.",
       "1. Measure the heater band's resistance (switched off).\n"
       "2. Check the zone's fuse and solid state relay.\n"
       "3. Reseat or replace the thermocouple.",
       "Heater bands", ("heater", "thermocouple")),
    kp("screw-recovery-zh", ZH, "塑化时间过长，螺杆储料慢",
       "IM-150储料时间比平时长一倍，有时螺杆转动但不后退。",
       "下料口结块堵塞、料温太低，或原料含水量过高打滑。",
       "1. 检查料斗下料口是否有结块或架桥。\n"
       "2. 检查下料口冷却水，温度过高会使原料提前熔化。\n"
       "3. 按原料要求充分干燥，适当提高背压。",
       "注射单元", ("塑化", "螺杆")),
    howto("clamp-force", EN, "Setting mould height and clamping force on the IM-300",
          "After a mould change, close the mould in setup mode and start automatic mould height adjustment: "
          "the machine moves the platen until the toggle is fully stretched at the set clamping force. Set "
          "the clamping force to the value on the mould card, usually the projected area times 0.4 t/cm². "
          "Do not use more force than needed: it wears the mould and the tie bars.",
          "Clamping unit", tags=("mould", "clamping")),
    kp("mould-open-noise-zh", ZH, "开模时有异响",
       "IM-450开模时肘杆部位有咔咔声，开模速度快时更明显。",
       "肘杆铰链润滑不足或铜套磨损。",
       "1. 检查自动润滑系统是否正常出油。\n"
       "2. 手动润滑肘杆各铰接点。\n"
       "3. 测量铜套间隙，超过0.3毫米时更换。",
       "锁模单元", ("异响", "肘杆")),
    kp("pump-noise", EN, "Hydraulic pump noise on the IM-150",
       "The hydraulic pump of the IM-150 whines loudly, especially on cold starts; the oil looks milky "
       "or foamy.",
       "Air drawn in: the suction filter is clogged or a suction line fitting is loose; oil level too low.",
       "1. Check the oil level and top up.\n"
       "2. Clean or replace the suction strainer.\n"
       "3. Tighten the suction line fittings; change the oil if it stays milky.",
       "Hydraulics", ("pump", "noise")),
    howto("purge-zh", ZH, "料筒清洗与换色方法",
          "换色或换料时先把料斗中的旧料放空，将螺杆中的熔体射空。加入专用清洗料，用中速螺杆转速和低"
          "背压反复对空注射，直到射出的料没有旧颜色。深色换浅色时可把料温提高10度。清洗后再加入新料"
          "对空注射几次即可生产。",
          "注射单元", tags=("换色", "清洗")),
    kp("ejector-alarm", EN, "Ejector does not retract: alarm EJECTOR BACK",
       "The cycle stops with EJECTOR NOT BACK; the ejector pins stay out of the mould.",
       "The ejector position sensor is misadjusted, or the ejector plate of the mould sticks.",
       "1. Move the ejector back in manual mode and watch the position value.\n"
       "2. Check the mould's ejector plate and return pins for damage.\n"
       "3. Teach the ejector back position again.",
       "Clamping unit", ("ejector",)),
    kp("robot-pick-zh", ZH, "机械手取件失败",
       "取件机械手经常报警未取到制品，制品掉进模具里导致压模。",
       "真空吸盘破损、真空发生器堵塞，或机械手取件位置偏移。",
       "1. 更换破损的吸盘，清洗真空发生器消音器。\n"
       "2. 检查真空检测开关设定值。\n"
       "3. 重新示教取件位置，开启模具保护功能。",
       "机械手", ("机械手", "真空")),
]

PRESSES = [
    kp("press-bdc-stop", EN, "HX-2000 servo press stops at bottom dead centre with overload",
       "The HX-2000 stops at the bottom of the stroke with alarm OL-05 TONNAGE EXCEEDED and cannot move "
       "up again.",
       "The die height is set too low or a double blank was fed, so the press force exceeded its rating.",
       "1. Do not restart the cycle. Switch to inch mode and reverse the slide slowly.\n"
       "2. Check for a double blank or a slug in the die.\n"
       "3. Correct the die height and the tonnage monitor limits.",
       "Slide", ("overload", "press")),
    kp("slide-drift-zh", ZH, "HX-3000压力机停机后滑块下滑",
       "HX-3000压力机停在上死点后，滑块缓慢下滑几毫米，制动器有烧焦味。",
       "制动器摩擦片磨损或制动气压不足。",
       "1. 立即停机，放置安全支撑块。\n"
       "2. 测量制动角和停止时间，与出厂记录比较。\n"
       "3. 更换制动摩擦片，检查气源压力。",
       "制动器", ("滑块", "制动")),
    howto("die-height", EN, "Setting the die height on the HX-2000",
          "With the die in the press and the slide at bottom dead centre in inch mode, lower the slide "
          "adjustment until the upper die just touches. Then raise it by the thickness of the sheet plus "
          "0.1 mm and lock the adjustment. Run one stroke in inch mode and watch the tonnage monitor before "
          "running continuously.",
          "Slide", tags=("die", "setup")),
    kp("light-curtain-zh", ZH, "光幕报警，压力机无法启动",
       "压力机前方的安全光幕一直显示红灯，压力机不能启动，没有物体遮挡。",
       "光幕发射器和接收器没有对准，镜面脏污，或光幕受到强光干扰。",
       "1. 清洁发射器和接收器的镜面。\n"
       "2. 按对准指示灯调整安装支架。\n"
       "3. 检查是否有阳光或焊接弧光直射接收器。",
       "安全装置", ("光幕", "安全")),
    kp("press-lube", EN, "Press lubrication fault alarm L-12",
       "L-12 LUBRICATION FAULT stops the press after the current stroke; the lube tank is full.",
       "A lube line to the gibs is blocked or broken, so the flow monitor sees no cycle.",
       "1. Start a manual lube cycle and watch the distributor's indicator pin.\n"
       "2. Find the blocked point by loosening the lines one by one.\n"
       "3. Replace the blocked distributor block.",
       "Lubrication", ("lubrication", "alarm")),
]

SERVICE = [
    howto("onsite-request-zh", ZH, "如何申请工程师上门服务",
          "在客户门户中新建服务请求，选择设备序列号并描述故障现象，附上报警画面照片。客服评估后如需"
          "现场处理，会与您确认上门时间。保修期内的故障免费，保修期外按服务价格表收取人工费和差旅费。",
          "服务", tags=("服务", "门户")),
    howto("serial-number", EN, "Where to find the machine's serial number",
          "The serial number is on the nameplate on the back of the electrical cabinet, next to the main "
          "switch. It starts with the model code and the year, for example CL300-2023-0412. You also find "
          "it in the control under SYSTEM > MACHINE INFO. Give it with every service request.",
          "Service", tags=("nameplate",)),
    howto("remote-zh", ZH, "远程诊断连接设置",
          "设备出厂时配有远程服务盒。将网线连接到电柜内的远程盒，并确保工厂网络允许对外访问443端口。"
          "需要远程诊断时，在操作面板上打开远程服务开关，我们的工程师即可查看报警和参数，全程由您授权，"
          "结束后关闭开关即可。",
          "服务", tags=("远程",)),
    howto("warranty", EN, "What the machine warranty covers",
          "Our machines carry a 24-month warranty from commissioning. It covers parts and labour for faults "
          "of material or workmanship. It does not cover wear parts (belts, wipers, nozzles, lenses, "
          "filters), damage from crashes or wrong operation, or machines serviced by unauthorised people. "
          "Claims are made through a service request with the serial number.",
          "Service", tags=("warranty",)),
]

ARTICLES: list[Doc] = LATHES + LASERS + MOULDING + PRESSES + SERVICE
# fmt: on
