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

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Doc:
    key: str
    language: str  # "en" or "zh-hans"
    kind: str  # "known_problem", "how_to" or "manual"
    title: str
    symptom: str = ""
    cause: str = ""
    fix_steps: str = ""
    body: str = ""
    module: str = ""
    tags: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class Query:
    text: str
    language: str  # "en" or "zh"
    key: str  # the article that answers it


def kp(key: str, language: str, title: str, symptom: str, cause: str, fix: str, module: str = "",
       tags: tuple[str, ...] = ()) -> Doc:  # fmt: skip
    return Doc(key, language, "known_problem", title, symptom=symptom, cause=cause, fix_steps=fix,
               module=module, tags=tags)  # fmt: skip


def howto(key: str, language: str, title: str, body: str, module: str = "", kind: str = "how_to",
          tags: tuple[str, ...] = ()) -> Doc:  # fmt: skip
    return Doc(key, language, kind, title, body=body, module=module, tags=tags)


EN, ZH = "en", "zh-hans"

# The tables below keep one article (or one article's queries) per block, as written.
# fmt: off
LATHES = [
    kp("spindle-overheat", EN, "CL-300 spindle runs hot after 30 minutes at high speed",
       "The spindle housing of the CL-300 reaches 60 °C or more after about half an hour above 4000 rpm; "
       "the controller reduces the speed and later shows alarm SP-1021 (spindle temperature).",
       "Too little grease in the front bearings after a bearing change, or a blocked spindle cooling "
       "circuit (the oil cooler's filter is clogged).",
       "1. Let the spindle cool down and check the oil cooler runs and its filter is clean.\n"
       "2. Measure the housing temperature at 2000 rpm after 20 minutes; above 45 °C call us.\n"
       "3. After a bearing change, run the grease distribution cycle (500/1000/2000 rpm, 10 min each).\n"
       "4. Never run at full speed before the warm-up program has finished.",
       "Spindle", ("spindle", "temperature")),
    kp("spindle-noise-zh", ZH, "主轴高速运转时有异响",
       "CL系列车床主轴在3000转以上出现尖锐的嗡嗡声或咔哒声，低速时声音消失，加工表面质量变差。",
       "主轴前轴承磨损或损坏，常见于长期缺少润滑或发生过撞刀。",
       "1. 用听诊器或振动仪在主轴前端测量，对比后端。\n"
       "2. 振动值超过4.5 mm/s时停止使用高速加工。\n"
       "3. 联系服务工程师更换主轴轴承，并重新做动平衡。",
       "主轴", ("主轴", "轴承", "异响")),
    kp("spindle-orient", EN, "Spindle orientation fails during tool change (alarm SP-9032)",
       "Tool change stops halfway: the spindle keeps turning slowly and never stops at its orientation "
       "angle; the control shows SP-9032 ORIENTATION NOT COMPLETED.",
       "The spindle encoder signal is disturbed (loose connector or damaged cable in the cable chain) "
       "or the orientation angle parameter was lost after a battery change.",
       "1. Check the encoder connector on the spindle motor and the cable in the cable chain.\n"
       "2. Compare parameter 4077 (orientation angle) with the machine's parameter printout.\n"
       "3. Run M19 in MDI mode; if the spindle still searches, replace the encoder cable.",
       "Spindle", ("spindle", "encoder", "tool change")),
    kp("spindle-belt-zh", ZH, "主轴转速达不到设定值",
       "程序设定2500转，实际显示只有2200转左右，重切削时转速继续下降并伴有吱吱声。",
       "主轴电机与主轴之间的同步带松动或磨损打滑。",
       "1. 断电并锁定后打开主轴电机防护罩。\n"
       "2. 检查皮带张紧度和齿面磨损，必要时更换皮带。\n"
       "3. 按说明书调整张紧力，试运行并确认实际转速与设定一致。",
       "主轴", ("主轴", "皮带")),
    howto("spindle-warmup", EN, "Warming up the spindle before precision work",
          "A cold spindle grows as it warms, so the first parts of a shift come out of tolerance. Run the "
          "warm-up program O9000 every morning and after any stop longer than two hours: it steps the "
          "spindle through 500, 1500, 3000 and 4500 rpm for five minutes each and moves all axes over "
          "their full travel. Start precision work only when the program has ended.",
          "Spindle", tags=("spindle", "warm-up")),
    kp("turret-clamp-zh", ZH, "刀塔无法锁紧，报警2041",
       "换刀后刀塔转到位但不锁紧，系统显示报警2041 刀塔夹紧未完成，循环无法继续。",
       "液压压力不足或刀塔夹紧确认接近开关松动、被铁屑覆盖。",
       "1. 检查液压站压力表，应为4.5 MPa左右。\n"
       "2. 清理刀塔后部的接近开关并检查其指示灯。\n"
       "3. 重新调整开关距离到1毫米，复位报警后手动换刀测试。",
       "刀塔", ("刀塔", "报警")),
    kp("turret-index", EN, "Tool turret indexes slowly or overshoots its position",
       "The turret takes more than two seconds per station, sometimes turns past the station and comes "
       "back with a knock.",
       "The turret motor brake is worn or its air gap has grown, so the turret coasts.",
       "1. Measure the brake air gap; it should be 0.2 to 0.3 mm.\n"
       "2. Adjust or replace the brake.\n"
       "3. Check the turret indexing parameters against the printout.",
       "Tool turret", ("turret",)),
    kp("chuck-pressure", EN, "Chuck loses clamping pressure and the workpiece slips",
       "During heavy cuts the part turns in the chuck jaws or is pulled out; the chuck pressure gauge "
       "drops when the turret moves.",
       "The chuck's pressure reducing valve is worn or set too low, or the rotating cylinder leaks inside.",
       "1. Set the clamping pressure for the jaws and part (see the chuck's chart).\n"
       "2. Watch the gauge while moving the axes; if it drops, replace the pressure reducing valve.\n"
       "3. If the pressure still falls, have the rotating cylinder's seals replaced.",
       "Hydraulics", ("chuck", "clamping")),
    kp("hyd-oil-hot", EN, "Hydraulic oil temperature too high",
       "The hydraulic unit's oil reaches more than 55 °C in summer; alarm 2110 HYD OIL TEMP appears and "
       "clamping becomes slow.",
       "The oil cooler's fins are covered with dust or the cooler fan has failed; sometimes the oil level "
       "is too low.",
       "1. Clean the cooler fins with compressed air from the inside out.\n"
       "2. Check that the fan turns when the pump runs.\n"
       "3. Top up oil to the middle of the sight glass (ISO VG 32).",
       "Hydraulics", ("hydraulic", "temperature")),
    kp("hyd-leak-zh", ZH, "液压站漏油",
       "机床下方和液压站周围有油渍，油位下降很快，每周需要补油。",
       "管接头松动或液压泵轴封、阀块密封圈老化。",
       "1. 擦净液压站，开机运行十分钟后查找漏点。\n"
       "2. 拧紧松动的管接头，不要过度用力。\n"
       "3. 更换老化的O形圈或泵轴封，补充同型号液压油。",
       "液压", ("液压", "漏油")),
    howto("hyd-oil-change-zh", ZH, "液压油更换步骤",
          "液压油每运行4000小时或每年更换一次。先让机床运行半小时使油温升高，便于排放。关闭电源并泄压，"
          "打开放油螺塞排空旧油，清洗油箱和吸油滤网，更换回油滤芯。加入ISO VG 32抗磨液压油至油标中线，"
          "开机点动油泵排气，检查压力和有无泄漏。",
          "液压", tags=("液压", "保养")),
    kp("coolant-pump-zh", ZH, "冷却液泵不出水",
       "加工时喷嘴没有冷却液或流量很小，冷却泵电机有声音但不出水。",
       "吸入口被铁屑堵塞、冷却液液位太低，或泵反转。",
       "1. 检查水箱液位，补充冷却液。\n"
       "2. 清理过滤网和吸入口的铁屑。\n"
       "3. 新接线的机床检查泵的转向，必要时调换两相。",
       "冷却系统", ("冷却液",)),
    howto("coolant-concentration", EN, "Checking coolant concentration with a refractometer",
          "Put two drops of coolant from the tank on the refractometer prism, read the Brix value and "
          "multiply it by the factor on the coolant's data sheet. Most water-mixed coolants need 5 to 8 %. "
          "Too weak and parts rust and tools wear; too strong and the coolant foams and irritates skin. "
          "Check once a week and top up with pre-mixed coolant, never with plain water.",
          "Coolant system", tags=("coolant",)),
    kp("power-on-fails", EN, "Machine does not power up after a power cut",
       "After a power failure the main switch is on but the control panel stays dark and nothing "
       "starts; the cabinet fan does not turn.",
       "The 24 V power supply's fuse or the control transformer's circuit breaker tripped when the power "
       "came back.",
       "1. Switch off the main switch and open the electrical cabinet (qualified electricians only).\n"
       "2. Check breaker Q2 and the 24 V supply's LED.\n"
       "3. Reset the breaker or replace fuse F3, then switch on again.",
       "Electrical cabinet", ("power", "24V")),
    kp("black-screen-zh", ZH, "系统启动后显示屏黑屏",
       "开机后能听到风扇和继电器声音，操作面板按键灯亮，但显示屏一直黑屏没有画面。",
       "显示屏背光损坏或显示信号线松动。",
       "1. 关机后重新插紧显示屏背后的信号线和电源线。\n"
       "2. 用手电筒斜照屏幕，如能看到模糊画面则为背光损坏。\n"
       "3. 联系我们更换显示单元，期间可以外接显示器。",
       "数控系统", ("显示屏",)),
    howto("param-backup", EN, "Backing up CNC parameters and programs to a USB stick",
          "Before any repair or control update, save the machine data. Insert a USB stick formatted FAT32 "
          "in the operator panel, select SYSTEM > DATA I/O > ALL DATA, choose the USB device and press "
          "SAVE. The control writes parameters, pitch error compensation, macros and part programs in one "
          "folder named after the serial number. Keep a copy off the machine.",
          "CNC controller", tags=("backup", "parameters")),
    howto("firmware-update-zh", ZH, "控制器固件升级方法",
          "升级前先备份全部参数和程序。从服务门户下载对应机型的固件包，复制到U盘根目录。关机后插入U盘，"
          "按住操作面板的 SELECT 键开机进入引导菜单，选择 UPDATE，等待进度条完成后自动重启，整个过程"
          "不要断电。升级完成后核对版本号并恢复参数。",
          "数控系统", tags=("固件", "升级")),
    kp("estop-reset", EN, "Emergency stop alarm EMG 1000 cannot be reset",
       "EMG 1000 EMERGENCY STOP stays on the screen although all emergency stop buttons are released; "
       "RESET does nothing.",
       "A contact of the safety relay chain is open: a pressed emergency stop on the hand wheel, a "
       "tripped overtravel switch or a loose wire on the safety relay.",
       "1. Check the emergency stop on the hand wheel and on the chip conveyor.\n"
       "2. Look for an axis standing on its overtravel switch; move it back with the override key.\n"
       "3. Check the safety relay's LEDs; all channels must be lit.",
       "Electrical cabinet", ("emergency stop",)),
    kp("door-interlock-zh", ZH, "安全门报警1102，门关上后仍无法启动",
       "防护门已经关好，但系统仍显示1102 安全门未关闭，程序不能启动，主轴不能转。",
       "门锁开关的舌片变形或开关内部触点损坏，也可能是门没有完全到位。",
       "1. 检查门是否完全关闭，门锁指示灯是否亮。\n"
       "2. 检查门锁舌片是否弯曲，对准后重新固定。\n"
       "3. 如果仍报警，更换安全门锁开关，禁止短接。",
       "电气柜", ("安全门", "报警")),
    kp("servo-overload", EN, "X axis servo overload alarm 414",
       "Alarm 414 SERVO X OVERLOAD appears during rapid moves or heavy cuts; the axis stops and the "
       "motor is hot.",
       "Too much friction on the axis: way lubrication missing, a damaged way wiper or a ball screw "
       "bearing fault; sometimes the brake of the motor does not release.",
       "1. Check the way lubrication reaches the X axis.\n"
       "2. Move the axis by hand wheel and watch the load meter; above 60 % at slow feed is too high.\n"
       "3. Check the motor brake releases; call us for ball screw inspection.",
       "CNC controller", ("servo", "axis", "alarm")),
    kp("home-shift-zh", ZH, "Z轴回零位置每次不一样",
       "Z轴回参考点后坐标偏差零点几毫米，同一程序加工的工件长度不一致。",
       "回零减速挡块松动，或零点开关位置太靠近编码器零脉冲。",
       "1. 检查减速挡块的固定螺钉。\n"
       "2. 查看诊断画面中的栅格偏移量，调整挡块位置使其远离零脉冲。\n"
       "3. 重新回零五次，确认位置重复。",
       "数控系统", ("回零", "Z轴")),
    kp("encoder-battery", EN, "Alarm 306: absolute encoder battery low",
       "The control shows 306 APC BATTERY LOW at start-up; the machine still works.",
       "The battery that keeps the absolute position of the axes while the machine is off is nearly empty.",
       "1. Replace the battery with the machine switched ON, or the axis positions are lost.\n"
       "2. Use four 1.5 V D cells or the original lithium pack.\n"
       "3. If the positions were lost, set the reference points again (see the manual).",
       "CNC controller", ("battery", "alarm")),
    kp("diameter-drift", EN, "Diameters grow during the first hours of the shift",
       "Turned diameters drift by 0.01 to 0.02 mm over the first two hours, then stay stable.",
       "Thermal growth of the spindle and the bed while the machine warms up.",
       "1. Run the warm-up program before production.\n"
       "2. Switch on thermal compensation (parameter 1900 bit 0).\n"
       "3. Measure the first part after each long pause and correct the tool offset.",
       "Spindle", ("accuracy", "thermal")),
    kp("chatter-zh", ZH, "工件表面有振纹",
       "精车外圆时表面出现规律的振纹，粗糙度达不到要求，有时伴随尖叫声。",
       "刀具悬伸过长、刀尖圆角过大或转速处于共振区，也可能是尾座顶紧力不足。",
       "1. 尽量缩短刀具悬伸，使用较小的刀尖圆角。\n"
       "2. 将转速上下调整10%避开共振。\n"
       "3. 长轴加工时检查尾座顶紧力和中心架。",
       "主轴", ("振纹", "表面质量")),
    howto("backlash", EN, "Measuring and compensating axis backlash",
          "Mount a dial indicator on the turret and touch a fixed point on the bed. Move the axis 10 mm in "
          "one direction with the hand wheel, set the indicator to zero, move 1 mm further, then back by "
          "1 mm in the other direction and read the indicator. The difference is the backlash. Enter it in "
          "parameter 1851 for that axis; over 0.03 mm the ball screw nut should be checked.",
          "CNC controller", tags=("backlash", "accuracy")),
    kp("cabinet-hot-zh", ZH, "电气柜温度过高报警",
       "夏天电气柜空调报警，柜内温度超过45度，驱动器偶尔报过热后停机。",
       "电柜空调冷凝器积灰或滤网堵塞，柜门密封不好导致灰尘进入。",
       "1. 清洁空调冷凝器和进风滤网。\n"
       "2. 检查柜门密封条，保持柜门关闭。\n"
       "3. 检查空调排水管是否通畅。",
       "电气柜", ("电柜", "过热")),
    kp("air-pressure", EN, "Alarm 2005: compressed air pressure low",
       "Alarm 2005 AIR PRESSURE LOW stops the cycle; chuck blow-off and the door cylinder work weakly.",
       "The workshop air supply is below 5 bar, or the machine's filter regulator is clogged with water.",
       "1. Check the workshop supply pressure at the machine inlet (6 bar needed).\n"
       "2. Drain the water trap and replace the filter element.\n"
       "3. Set the regulator to 5.5 bar and check the pressure switch.",
       "Pneumatics", ("air", "pneumatic")),
    kp("rcd-trip-zh", ZH, "漏电保护开关频繁跳闸",
       "机床开机或冷却泵启动时车间的漏电保护开关跳闸，整台机床断电。",
       "冷却泵电机或电缆受潮绝缘下降，或变频器漏电流较大而漏电开关额定值太小。",
       "1. 用兆欧表测量冷却泵电机和电缆的绝缘电阻。\n"
       "2. 更换受潮的电机或电缆。\n"
       "3. 为机床单独配置B型300mA漏电保护开关。",
       "电气柜", ("跳闸", "漏电")),
    kp("dnc-transfer", EN, "Program transfer over the network fails",
       "Sending part programs from the office PC to the lathe over Ethernet ends with 'connection timed "
       "out'; the USB stick still works.",
       "The control's IP address or the PC's firewall changed, or the network cable is plugged into the "
       "service port.",
       "1. Check the cable is in the port marked ETH1, not the service port.\n"
       "2. Compare the IP settings under SYSTEM > ETHERNET with the PC's network.\n"
       "3. Allow the FTP port 21 in the PC's firewall.",
       "CNC controller", ("network", "ethernet", "DNC")),
    kp("way-lube-zh", ZH, "导轨润滑泵报警1010",
       "系统报警1010 润滑油位低或润滑压力不足，加完油后报警仍然存在。",
       "润滑泵滤网堵塞、润滑管路破裂漏油，或压力开关故障。",
       "1. 确认油箱中加的是导轨油（ISO VG 68）。\n"
       "2. 手动启动润滑，观察压力表是否升到1.5 MPa。\n"
       "3. 检查分配器和管路有无破损，清洗吸油滤网。",
       "润滑", ("润滑", "报警")),
    kp("chip-conveyor", EN, "Chip conveyor jams and stops",
       "The chip conveyor stops with a clicking sound; long stringy chips are wrapped around the belt.",
       "Long unbroken chips from turning without a chip breaker block the hinge belt.",
       "1. Switch the conveyor to reverse for a few seconds, then forward.\n"
       "2. Remove wrapped chips with the machine switched off.\n"
       "3. Use inserts with chip breakers or adjust feed so that chips break.",
       "Chip conveyor", ("chips",)),
    howto("daily-check-zh", ZH, "数控车床日常保养点检表",
          "每天开机前：检查导轨润滑油位、液压油位和冷却液液位；排放气源过滤器的积水；清理卡盘和导轨"
          "上的铁屑。开机后：运行主轴暖机程序，观察液压压力和润滑压力。下班前：清理切屑，擦拭防护门"
          "玻璃，记录异常情况。",
          "保养", kind="manual", tags=("保养", "点检")),
    howto("lube-schedule", EN, "Lubrication schedule for the CL series lathes",
          "Way lubrication: automatic, check the tank level daily (ISO VG 68). Chuck: grease the jaws "
          "weekly with chuck paste. Tailstock quill: oil weekly. Spindle bearings: lubricated for life, "
          "do not add grease. Turret: check the oil level in the sight glass monthly. Hydraulic oil: change "
          "every 4000 hours.",
          "Maintenance", kind="manual", tags=("lubrication", "maintenance")),
]

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
