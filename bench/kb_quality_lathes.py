"""The CNC lathe articles of the knowledge base quality benchmark's corpus (see kb_quality_data.py)."""

from __future__ import annotations

from .kb_quality_docs import EN, ZH, howto, kp

# One article per block, as written.
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
# fmt: on
