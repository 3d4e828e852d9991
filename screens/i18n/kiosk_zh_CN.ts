<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>AttractScreen</name>
    <message>
        <location filename="../attract.py" line="38" />
        <source>Business registration self-service</source>
        <translation>企业登记自助服务</translation>
    </message>
    <message>
        <location filename="../attract.py" line="40" />
        <source>Register a business, check an application, print a licence</source>
        <translation>办理登记、查询进度、打印营业执照</translation>
    </message>
    <message>
        <location filename="../attract.py" line="42" />
        <source>Touch here to start</source>
        <translation>点击这里开始</translation>
    </message>
    <message>
        <location filename="../attract.py" line="44" />
        <source>You will need your identity card. Staff nearby can help you.</source>
        <translation>请准备好您的身份证件。如需帮助，请找身边的工作人员。</translation>
    </message>
</context>
<context>
    <name>FinishedScreen</name>
    <message>
        <source>Please take your identity card back from the reader.</source>
        <translation>请从读卡器上取回您的身份证件。</translation>
    </message>
    <message>
        <location filename="../finished.py" line="60" />
        <source>Your application has been received</source>
        <translation>您的申请已被受理</translation>
    </message>
    <message>
        <location filename="../finished.py" line="61" />
        <source>Your application number</source>
        <translation>您的申请编号</translation>
    </message>
    <message>
        <location filename="../finished.py" line="63" />
        <source>We will tell you the result by text message.</source>
        <translation>我们将通过短信告知您办理结果。</translation>
    </message>
    <message>
        <location filename="../finished.py" line="66" />
        <source>We will tell you the result by text message within %1 working days.</source>
        <translation>我们将在 %1 个工作日内通过短信告知您办理结果。</translation>
    </message>
    <message>
        <location filename="../finished.py" line="69" />
        <source>Your application is saved</source>
        <translation>您的申请已保存</translation>
    </message>
    <message>
        <location filename="../finished.py" line="70" />
        <source>Your reference</source>
        <translation>您的受理参考号</translation>
    </message>
    <message>
        <location filename="../finished.py" line="76" />
        <source>Your application number will follow by text message (SMS).</source>
        <translation>您的申请编号将通过短信发送给您。</translation>
    </message>
    <message>
        <location filename="../finished.py" line="73" />
        <source>The kiosk cannot reach the registration office just now. It will send your application automatically; you do not need to come back.</source>
        <translation>本机暂时无法连接登记机关，稍后会自动发送您的申请，您无需再跑一次。</translation>
    </message>
    <message>
        <location filename="../finished.py" line="78" />
        <source>Printing your receipt…</source>
        <translation>正在打印回执…</translation>
    </message>
    <message>
        <location filename="../finished.py" line="82" />
        <source>Please take your receipt from the printer below.</source>
        <translation>请从下方出纸口取走您的回执。</translation>
    </message>
    <message>
        <location filename="../finished.py" line="90" />
        <source>The printer stopped answering, so your receipt may or may not have come out. Your application is safe. If there is no receipt, please ask a member of staff: they can print it for you.</source>
        <translation>打印机没有回应，回执可能已经打出，也可能没有。您的申请已安全保存。如果没有拿到回执，请找工作人员为您打印。</translation>
    </message>
    <message>
        <location filename="../finished.py" line="98" />
        <source>The receipt could not be printed. Your application is safe. You can try again, write down the number above, or ask a member of staff to print it.</source>
        <translation>回执未能打印。您的申请已安全保存。您可以再试一次，记下上面的编号，或请工作人员为您打印。</translation>
    </message>
    <message>
        <location filename="../finished.py" line="101" />
        <source>Try printing again</source>
        <translation>再打印一次</translation>
    </message>
    <message>
        <location filename="../finished.py" line="103" />
        <source>Finish</source>
        <translation>完成</translation>
    </message>
</context>
<context>
    <name>FormPageScreen</name>
    <message>
        <source>Done typing</source>
        <translation>输入完成</translation>
    </message>
    <message>
        <source>Filled in from the application you have just submitted.</source>
        <translation>已从您刚提交的申请自动填入。</translation>
    </message>
    <message>
        <source>Send my rating</source>
        <translation>提交评价</translation>
    </message>
    <message>
        <source>Print my licence</source>
        <translation>打印营业执照</translation>
    </message>
    <message>
        <source>Your answers from %1 were kept for you. Please check them.</source>
        <translation>已为您保留了 %1 填写的内容，请核对。</translation>
    </message>
    <message>
        <source>Check the name</source>
        <translation>检查名称</translation>
    </message>
    <message>
        <source>Your document does not show a Chinese identity number. If you have none, leave this empty.</source>
        <translation>您的证件上没有中国公民身份号码。如果您没有，请留空。</translation>
    </message>
    <message>
        <source>Your document does not show a Chinese identity number. This service needs one: if you have one, type it here; if not, please ask a member of staff.</source>
        <translation>您的证件上没有中国公民身份号码。本事项需要这个号码：如果您有，请在这里填写；如果没有，请咨询工作人员。</translation>
    </message>
    <message>
        <source>Read from your passport or travel permit.</source>
        <translation>从您的护照或通行证读取。</translation>
    </message>
    <message>
        <location filename="../form_page.py" line="105" />
        <source>Step %1 of %2. Fields marked * must be filled in.</source>
        <translation>第 %1 步，共 %2 步。带 * 的为必填项。</translation>
    </message>
    <message>
        <location filename="../form_page.py" line="117" />
        <source>Please correct the %1 entries marked in red.</source>
        <translation>请修改标红的 %1 项内容。</translation>
    </message>
    <message>
        <location filename="../form_page.py" line="129" />
        <source>Check my answers</source>
        <translation>核对我的信息</translation>
    </message>
    <message>
        <location filename="../form_page.py" line="129" />
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <location filename="../form_page.py" line="130" />
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../form_page.py" line="146" />
        <source>Read from your identity card.</source>
        <translation>已从您的身份证件读取。</translation>
    </message>
</context>
<context>
    <name>IdentifyScreen</name>
    <message>
        <source>I have no card with me: type my identity number</source>
        <translation>没带证件？输入证件号码查询</translation>
    </message>
    <message>
        <source>Your card is read only to fill in your application for you.</source>
        <translation>读取证件只是为了帮您填写申请。</translation>
    </message>
    <message>
        <location filename="../identify.py" line="131" />
        <source>Please put your passport on the reader</source>
        <translation>请把护照放在读卡器上</translation>
    </message>
    <message>
        <location filename="../identify.py" line="135" />
        <source>Open your passport at the photo page and lay it flat on the reader. Keep it still until your name appears.</source>
        <translation>请把护照翻到照片页，平放在读卡器上，保持不动，直到屏幕上出现您的姓名。</translation>
    </message>
    <message>
        <location filename="../identify.py" line="139" />
        <source>Please put your identity card on the reader</source>
        <translation>请放置您的身份证件</translation>
    </message>
    <message>
        <location filename="../identify.py" line="143" />
        <source>1. Place your resident identity card flat on the reader below the screen.
2. Keep it still until your name appears.
A passport: open it at the photo page and place it on the reader.</source>
        <translation>1. 请把居民身份证平放在屏幕下方的读卡区。
2. 保持不动，直到屏幕上出现您的姓名。
护照：请翻开到照片页，放在读卡区上。</translation>
    </message>
    <message>
        <location filename="../identify.py" line="148" />
        <source>Waiting for your passport…</source>
        <translation>正在等待您的护照…</translation>
    </message>
    <message>
        <location filename="../identify.py" line="151" />
        <source>Reading your card…</source>
        <translation>正在读取证件…</translation>
    </message>
    <message>
        <location filename="../identify.py" line="153" />
        <source>Waiting for your card…</source>
        <translation>等待放置证件…</translation>
    </message>
    <message>
        <location filename="../identify.py" line="159" />
        <source>Please type the details from your passport</source>
        <translation>请输入护照上的信息</translation>
    </message>
    <message>
        <location filename="../identify.py" line="163" />
        <source>The passport chip opens only with these three details. You find them on the photo page.</source>
        <translation>护照芯片需要以下三项信息才能读取，它们都在护照照片页上。</translation>
    </message>
    <message>
        <location filename="../identify.py" line="167" />
        <source>Passport number, like EA1234567</source>
        <translation>护照号码，例如 EA1234567</translation>
    </message>
    <message>
        <location filename="../identify.py" line="168" />
        <source>Date of birth, like 1990-01-31</source>
        <translation>出生日期，例如 1990-01-31</translation>
    </message>
    <message>
        <location filename="../identify.py" line="169" />
        <source>Date of expiry, like 2030-12-31</source>
        <translation>有效期至，例如 2030-12-31</translation>
    </message>
    <message>
        <location filename="../identify.py" line="186" />
        <source>Or hold the photo page under the scanner: the two lines of letters at the bottom fill this in.</source>
        <translation>也可以把照片页放在扫描器下，扫描页底部的两行字母即可自动填写。</translation>
    </message>
    <message>
        <location filename="../identify.py" line="191" />
        <source>Open my passport</source>
        <translation>读取我的护照</translation>
    </message>
    <message>
        <location filename="../identify.py" line="122" />
        <source>Your card is only read to fill in the form. Nothing is kept on this machine after you leave.</source>
        <translation>读取证件仅用于填写表格。您离开后，本机不会保留任何信息。</translation>
    </message>
    <message>
        <location filename="../identify.py" line="125" />
        <source>Back</source>
        <translation>返回</translation>
    </message>
</context>
<context>
    <name>IdentityStrip</name>
    <message>
        <location filename="../identity_strip.py" line="60" />
        <source>Photo from your passport chip</source>
        <translation>护照芯片中的照片</translation>
    </message>
    <message>
        <location filename="../identity_strip.py" line="70" />
        <source>Resident identity card</source>
        <translation>居民身份证</translation>
    </message>
    <message>
        <location filename="../identity_strip.py" line="72" />
        <source>Passport</source>
        <translation>护照</translation>
    </message>
    <message>
        <location filename="../identity_strip.py" line="74" />
        <source>Travel permit</source>
        <translation>通行证</translation>
    </message>
    <message>
        <location filename="../identity_strip.py" line="79" />
        <source>The chip was checked: the document is genuine.</source>
        <translation>芯片已核验：证件真实有效。</translation>
    </message>
    <message>
        <location filename="../identity_strip.py" line="82" />
        <source>Card photos are not shown: their format may only be read with the card-reader maker's licensed software.</source>
        <translation>身份证照片不在此显示：其格式只能由读卡器厂商的授权软件解读。</translation>
    </message>
</context>
<context>
    <name>IdleWarningPanel</name>
    <message>
        <location filename="../idle_warning.py" line="45" />
        <source>Do you need more time?</source>
        <translation>您还需要更多时间吗？</translation>
    </message>
    <message>
        <location filename="../idle_warning.py" line="49" />
        <source>For your privacy the kiosk will clear your information in %1 seconds.</source>
        <translation>为保护您的隐私，本机将在 %1 秒后清除您的信息。</translation>
    </message>
    <message>
        <location filename="../idle_warning.py" line="52" />
        <source>Yes, I need more time</source>
        <translation>是的，我需要更多时间</translation>
    </message>
    <message>
        <location filename="../idle_warning.py" line="53" />
        <source>End now</source>
        <translation>现在结束</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <source>No, keep my answers</source>
        <translation>不，保留我的回答</translation>
    </message>
    <message>
        <source>Yes, delete my answers</source>
        <translation>是的，删除我的回答</translation>
    </message>
    <message>
        <source>The answers you have given so far will be deleted.</source>
        <translation>您已填写的内容将被删除。</translation>
    </message>
    <message>
        <source>Start again?</source>
        <translation>要重新开始吗？</translation>
    </message>
    <message>
        <location filename="../../kiosk/shell/main_window.py" line="169" />
        <source>Start over</source>
        <translation>重新开始</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>Some of your answers contain characters the kiosk cannot send. Please check them, or ask a member of staff.</source>
        <translation>您填写的内容中有自助机无法发送的字符。请检查，或找工作人员帮助。</translation>
    </message>
    <message>
        <source>message_en</source>
        <translation>message_zh</translation>
    </message>
    <message>
        <source>The amounts add up to %1; they must add up to %2.</source>
        <translation>现合计为 %1，应为 %2。</translation>
    </message>
    <message>
        <source>This person is already in the list.</source>
        <translation>此人已在名单中。</translation>
    </message>
    <message>
        <source>This person must be at least %1 years old.</source>
        <translation>此人须年满 %1 周岁。</translation>
    </message>
    <message>
        <source>A sole proprietorship may not call itself “%1”.</source>
        <translation>个体工商户名称中不能使用“%1”。</translation>
    </message>
    <message>
        <source>A district's name is used together with its city's: please choose the region again.</source>
        <translation>区名须与所属市名一起使用：请重新选择行政区划。</translation>
    </message>
    <message>
        <source>The industry may not be a place name.</source>
        <translation>行业表述不能是地名。</translation>
    </message>
    <message>
        <source>Leave out “%1”: the form of organisation is chosen separately.</source>
        <translation>请去掉“%1”：组织形式另行选择。</translation>
    </message>
    <message>
        <source>The trade name may not be only the industry (“%1”): add words of your own.</source>
        <translation>字号不能只是行业（“%1”）：请加上您自己的字。</translation>
    </message>
    <message>
        <source>The trade name may not be a place name such as “%1”.</source>
        <translation>字号不能是“%1”这样的地名。</translation>
    </message>
    <message>
        <source>“%1” may not be used in an enterprise name.</source>
        <translation>企业名称中不得使用“%1”。</translation>
    </message>
    <message>
        <source>“%1” may be used in a name only with the State Council's approval: please choose other words.</source>
        <translation>“%1”须经国务院批准才能用于名称：请换用其他文字。</translation>
    </message>
    <message>
        <source>A name is written in Chinese characters only: please remove %1.</source>
        <translation>名称只能使用汉字：请删去 %1。</translation>
    </message>
    <message>
        <source>A card is already on the reader. If it is yours, lift it off and put it down again. If it is not yours, please give it to a member of staff.</source>
        <translation>读卡器上已有一张卡。如果是您的，请把它拿起来再放下；如果不是您的，请交给工作人员。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="20" />
        <source>Please fill in “%1”.</source>
        <translation>请填写“%1”。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="24" />
        <source>Too short: please write at least %1 characters.</source>
        <translation>内容太短：至少 %1 个字。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="28" />
        <source>Too long: please write at most %1 characters.</source>
        <translation>内容太长：最多 %1 个字。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="32" />
        <source>This is not a mobile number: it has 11 digits and starts with 1, like %1.</source>
        <translation>手机号码不正确：应为以 1 开头的 11 位数字，例如 %1。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="37" />
        <source>A passport number has 5 to 9 letters and digits, like EA1234567. Please check it.</source>
        <translation>护照号码由 5 到 9 位字母和数字组成，例如 EA1234567，请核对。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="42" />
        <source>This identity number is not valid: please check every digit.</source>
        <translation>公民身份号码不正确，请逐位核对。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="46" />
        <source>This credit code is not valid: it has 18 characters, please check them.</source>
        <translation>统一社会信用代码不正确：应为 18 位，请逐位核对。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="51" />
        <source>Please use Chinese characters only, like %1.</source>
        <translation>请只使用汉字，例如：%1。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="55" />
        <source>Please write a number.</source>
        <translation>请填写数字。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="57" />
        <source>Please write a date like 2026-01-31.</source>
        <translation>请按 2026-01-31 的格式填写日期。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="59" />
        <source>Please choose one of the options.</source>
        <translation>请从选项中选择一项。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="61" />
        <source>This number is outside the allowed range.</source>
        <translation>数值超出允许范围。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="65" />
        <source>Please write a whole number.</source>
        <translation>请填写整数。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="67" />
        <source>This date is too early: please give %1 or later.</source>
        <translation>日期过早：请填写 %1 或之后的日期。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="71" />
        <source>This date is too late: please give %1 or earlier.</source>
        <translation>日期过晚：请填写 %1 或之前的日期。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="64" />
        <source>Please check this entry.</source>
        <translation>请检查这一项。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="73" />
        <source>The card was taken away too early. Please put it back and keep it still until you hear the beep.</source>
        <translation>证件拿开得太早了。请重新放好，保持不动，直到听到提示音。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="78" />
        <source>Please lift your card off the reader and put it down again.</source>
        <translation>请把证件从读卡区拿起，再重新放下。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="82" />
        <source>The passport did not accept these details. Please check the passport number and the two dates on the photo page.</source>
        <translation>护照芯片未接受这些信息。请核对照片页上的护照号码和两个日期。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="87" />
        <source>The scanner could not read the two lines at the bottom of the photo page. Please try again, or type the details.</source>
        <translation>扫描器没能读出照片页底部的两行字母。请再试一次，或直接输入信息。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="92" />
        <source>This document could not be checked as genuine. Please ask a member of staff for help.</source>
        <translation>无法核验此证件的真实性。请找工作人员帮助。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="125" />
        <source>The printer is not working at the moment. You can still apply: your application number is shown on the screen, and staff can print your receipt.</source>
        <translation>打印机暂时无法使用。您仍然可以办理：申请编号会显示在屏幕上，工作人员可以为您打印回执。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="130" />
        <source>The card reader is not working at the moment. Services that need your identity card cannot be used; please ask a member of staff.</source>
        <translation>读卡器暂时无法使用，需要身份证件的业务暂不能办理，请找工作人员帮助。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="97" />
        <source>The card reader is not working. Please ask a member of staff for help.</source>
        <translation>读卡器暂时无法使用，请请工作人员帮助。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="101" />
        <source>Reading took too long. Please put the card down again.</source>
        <translation>读卡时间过长，请重新放置证件。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="104" />
        <source>The card could not be read. Please put it down again, or ask a member of staff.</source>
        <translation>无法读取证件。请重新放置，或请工作人员帮助。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="112" />
        <source>The kiosk cannot save your application because its storage is full. Nothing was sent. Please ask a member of staff; your answers are still here.</source>
        <translation>本机存储空间已满，无法保存您的申请，申请尚未发送。请联系工作人员，您填写的内容仍然保留。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="116" />
        <source>The kiosk could not save your application. Nothing was sent. Please try again or ask a member of staff.</source>
        <translation>本机未能保存您的申请，申请尚未发送。请重试或联系工作人员。</translation>
    </message>
</context>
<context>
    <name>ReviewScreen</name>
    <message>
        <source>Done typing</source>
        <translation>输入完成</translation>
    </message>
    <message>
        <source>Still to identify: %1</source>
        <translation>尚未核验身份：%1</translation>
    </message>
    <message>
        <source>Their documents were not read here. Staff at the registration authority will verify them, and may ask them to come in with their documents.</source>
        <translation>这些人员的证件未在本机读取，将由登记机关工作人员核验，可能需要其本人携带证件到场。</translation>
    </message>
    <message>
        <location filename="../review.py" line="22" />
        <source>Please check your answers</source>
        <translation>请核对您填写的信息</translation>
    </message>
    <message>
        <location filename="../review.py" line="25" />
        <source>If something is wrong, press “Change”. When all is right, press “Submit”.</source>
        <translation>如有错误，请点“修改”。确认无误后，请点“提交”。</translation>
    </message>
    <message>
        <location filename="../review.py" line="36" />
        <source>Change</source>
        <translation>修改</translation>
    </message>
    <message>
        <location filename="../review.py" line="37" />
        <source>Change %1</source>
        <translation>修改%1</translation>
    </message>
    <message>
        <location filename="../review.py" line="46" />
        <source>(not given)</source>
        <translation>（未填写）</translation>
    </message>
    <message>
        <location filename="../review.py" line="52" />
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../review.py" line="53" />
        <source>Submit</source>
        <translation>提交</translation>
    </message>
</context>
<context>
    <name>ServiceMenuScreen</name>
    <message>
        <source>Check a licence or a receipt (scan its QR code)</source>
        <translation>核验营业执照或回执（扫描二维码）</translation>
    </message>
    <message>
        <source>Which service's guidance would you like to read?</source>
        <translation>您想查看哪项业务的办事指南？</translation>
    </message>
    <message>
        <source>✓ Guidance only (press again to do a service)</source>
        <translation>✓ 仅看办事指南（再按一次可办理业务）</translation>
    </message>
    <message>
        <source>Guidance only: see what a service needs, and print it</source>
        <translation>仅看办事指南：了解所需材料并打印</translation>
    </message>
    <message>
        <location filename="../service_menu.py" line="31" />
        <source>What would you like to do?</source>
        <translation>请选择您要办理的事项</translation>
    </message>
    <message>
        <location filename="../service_menu.py" line="52" />
        <source>The services are being loaded. If this takes long, please ask a member of staff.</source>
        <translation>正在加载服务事项。如等待时间较长，请联系工作人员。</translation>
    </message>
</context>
<context>
    <name>SubmittingScreen</name>
    <message>
        <location filename="../submitting.py" line="26" />
        <source>Sending your application…</source>
        <translation>正在提交您的申请…</translation>
    </message>
    <message>
        <location filename="../submitting.py" line="29" />
        <source>Your application is saved on this kiosk.</source>
        <translation>您的申请已保存在本机。</translation>
    </message>
    <message>
        <location filename="../submitting.py" line="31" />
        <source>Saving your application…</source>
        <translation>正在保存您的申请…</translation>
    </message>
</context>
<context>
    <name>FieldEditor</name>
    <message>
        <location filename="../form_page.py" line="70" />
        <source>For example: %1</source>
        <translation>例如：%1</translation>
    </message>
</context>
<context>
    <name>ChoiceButtons</name>
    <message>
        <source>not chosen</source>
        <translation>未选</translation>
    </message>
    <message>
        <source>chosen</source>
        <translation>已选</translation>
    </message>
</context>
<context>
    <name>SignaturePad</name>
    <message>
        <source>Signature area: write your name here with your finger</source>
        <translation>签名区：请用手指在这里写下您的姓名</translation>
    </message>
</context>
<context>
    <name>DateInput</name>
    <message>
        <source>Previous day</source>
        <translation>前一天</translation>
    </message>
    <message>
        <source>Next day</source>
        <translation>后一天</translation>
    </message>
    <message>
        <source>Previous month</source>
        <translation>上个月</translation>
    </message>
    <message>
        <source>Next month</source>
        <translation>下个月</translation>
    </message>
    <message>
        <source>Previous year</source>
        <translation>上一年</translation>
    </message>
    <message>
        <source>Next year</source>
        <translation>下一年</translation>
    </message>
    <message>
        <source>day</source>
        <translation>日</translation>
    </message>
    <message>
        <source>month</source>
        <translation>月</translation>
    </message>
    <message>
        <source>year</source>
        <translation>年</translation>
    </message>
</context>
<context>
    <name>NameCheckScreen</name>
    <message>
        <source>Go on: %1</source>
        <translation>继续办理：%1</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>similar</source>
        <translation>相近名称</translation>
    </message>
    <message>
        <source>the same name</source>
        <translation>相同名称</translation>
    </message>
    <message>
        <source>Similar names exist. By going on you accept responsibility if the name is found to infringe on theirs.</source>
        <translation>已有相近的名称。继续使用即表示您承诺：如名称被认定侵犯他人权益，由您承担责任。</translation>
    </message>
    <message>
        <source>Nobody else can use it until %1. Register your company before then; you can start now, here.</source>
        <translation>在 %1 之前，其他人不能使用这个名称。请在此之前办理企业设立登记；现在就可以在本机开始办理。</translation>
    </message>
    <message>
        <source>The name is reserved for you</source>
        <translation>名称已为您保留</translation>
    </message>
    <message>
        <source>The kiosk cannot reach the registration office just now, so nothing was reserved or sent. Please try again in a moment, or later at any kiosk or on the government service website.</source>
        <translation>自助机暂时连不上登记机关，名称没有保留，也没有发送任何信息。请稍后再试，或以后在任意自助机或政务服务网上申报。</translation>
    </message>
    <message>
        <source>The name cannot be reserved now</source>
        <translation>名称暂时无法保留</translation>
    </message>
    <message>
        <source>Please change the name</source>
        <translation>请修改名称</translation>
    </message>
    <message>
        <source>It is the same as, or too close to, a name already in use:</source>
        <translation>它与已有的名称相同或过于相近：</translation>
    </message>
    <message>
        <source>This name cannot be used</source>
        <translation>这个名称不能使用</translation>
    </message>
    <message>
        <source>Checking the name with the registration office…</source>
        <translation>正在向登记机关核查名称…</translation>
    </message>
    <message>
        <source>The full name</source>
        <translation>完整名称</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>再试一次</translation>
    </message>
    <message>
        <source>Change the name</source>
        <translation>修改名称</translation>
    </message>
</context>
<context>
    <name>ScopePicker</name>
    <message>
        <source>Nothing found. Try other words, or ask a member of staff.</source>
        <translation>没有找到。请换个说法，或咨询工作人员。</translation>
    </message>
    <message>
        <source>chosen</source>
        <translation>已选</translation>
    </message>
    <message>
        <source>Needs: %1</source>
        <translation>需要：%1</translation>
    </message>
    <message>
        <source>Activities that need a permit before you start them</source>
        <translation>许可项目（须取得许可后方可经营）</translation>
    </message>
    <message>
        <source>General activities</source>
        <translation>一般项目</translation>
    </message>
    <message>
        <source>Remove %1</source>
        <translation>删除%1</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Make %1 the main business</source>
        <translation>把%1设为主营项目</translation>
    </message>
    <message>
        <source>Make main</source>
        <translation>设为主营</translation>
    </message>
    <message>
        <source>Main business: %1</source>
        <translation>主营：%1</translation>
    </message>
    <message>
        <source>Search below and touch what the business does.</source>
        <translation>请在下方搜索，并点选经营项目。</translation>
    </message>
    <message>
        <source>What the business does (%1 chosen; the first is the main business)</source>
        <translation>经营范围（已选 %1 项，第一项为主营项目）</translation>
    </message>
    <message>
        <source>Search the business activities</source>
        <translation>搜索经营项目</translation>
    </message>
    <message>
        <source>Type a few characters, or pinyin such as rybh</source>
        <translation>输入几个字，或拼音首字母，如 rybh</translation>
    </message>
</context>
<context>
    <name>PeopleList</name>
    <message>
        <source>Persons %1 to %2 of %3</source>
        <translation>第 %1 至 %2 人，共 %3 人</translation>
    </message>
    <message>
        <source>Previous %1</source>
        <translation>上 %1 人</translation>
    </message>
    <message>
        <source>Next %1</source>
        <translation>下 %1 人</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>✗ Still to identify: read their document, or staff verify it</source>
        <translation>✗ 未核验：请读取其证件，或由工作人员核验</translation>
    </message>
    <message>
        <source>✓ Identified: document read here</source>
        <translation>✓ 已核验：证件已在本机读取</translation>
    </message>
    <message>
        <source>(no number yet)</source>
        <translation>（尚未填写证件号码）</translation>
    </message>
    <message>
        <source>(no name yet)</source>
        <translation>（尚未填写姓名）</translation>
    </message>
    <message>
        <source>Add a person: type the details</source>
        <translation>添加人员：手动填写</translation>
    </message>
    <message>
        <source>Add a person: read their ID card</source>
        <translation>添加人员：读取其身份证件</translation>
    </message>
    <message>
        <source>No more can be added.</source>
        <translation>不能再添加。</translation>
    </message>
    <message>
        <source>At least %1 are needed.</source>
        <translation>至少需要 %1 人。</translation>
    </message>
    <message>
        <source>%1 persons; %2 still to identify.</source>
        <translation>共 %1 人；还有 %2 人未核验身份。</translation>
    </message>
</context>
<context>
    <name>Review</name>
    <message>
        <source>Signed</source>
        <translation>已签名</translation>
    </message>
    <message>
        <source>main business: %1</source>
        <translation>主营：%1</translation>
    </message>
</context>
<context>
    <name>SignPageScreen</name>
    <message>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Check my answers</source>
        <translation>核对我的信息</translation>
    </message>
    <message>
        <source>Clear and sign again</source>
        <translation>清除并重新签名</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>Please sign in the box.</source>
        <translation>请在框内签名。</translation>
    </message>
    <message>
        <source>Please read the whole text before signing.</source>
        <translation>请阅读全文后再签名。</translation>
    </message>
    <message>
        <source>%1: sign in the box below</source>
        <translation>%1：请在下方框内签名</translation>
    </message>
    <message>
        <source>Please read to the end: drag the text up to see the rest.</source>
        <translation>请读到最后：向上拖动文字查看其余内容。</translation>
    </message>
</context>
<context>
    <name>PersonSummary</name>
    <message>
        <source>(no number yet)</source>
        <translation>（尚未填写证件号码）</translation>
    </message>
    <message>
        <source>(no name yet)</source>
        <translation>（尚未填写姓名）</translation>
    </message>
    <message>
        <source>✓ Identified: document read here</source>
        <translation>✓ 已核验：证件已在本机读取</translation>
    </message>
    <message>
        <source>✗ Still to identify: read their document, or staff verify it</source>
        <translation>✗ 未核验：请读取其证件，或由工作人员核验</translation>
    </message>
    <message>
        <source>Nobody given yet.</source>
        <translation>尚未填写。</translation>
    </message>
    <message>
        <source>Read their ID card</source>
        <translation>读取其身份证件</translation>
    </message>
    <message>
        <source>Change the details</source>
        <translation>修改信息</translation>
    </message>
    <message>
        <source>Type the details</source>
        <translation>手动填写</translation>
    </message>
</context>
<context>
    <name>PersonEditorScreen</name>
    <message>
        <source>Done typing</source>
        <translation>输入完成</translation>
    </message>
    <message>
        <source>Or choose someone already given:</source>
        <translation>或者选择已填写过的人员：</translation>
    </message>
    <message>
        <source>Same as %1</source>
        <translation>与%1相同</translation>
    </message>
    <message>
        <source>person %1</source>
        <translation>第 %1 人</translation>
    </message>
    <message>
        <source>Read their ID card</source>
        <translation>读取其身份证件</translation>
    </message>
    <message>
        <source>Please correct the %1 entries marked in red.</source>
        <translation>请修改标红的 %1 项内容。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>✓ Identified: their document was read here.</source>
        <translation>✓ 已核验：此人的证件已在本机读取。</translation>
    </message>
    <message>
        <source>Reading the card… keep it still.</source>
        <translation>正在读取证件……请不要移动。</translation>
    </message>
    <message>
        <source>This card is already in the list. Take it off the reader and put the next person's card on it.</source>
        <translation>此证件已在名单中。请取下，再放上下一位人员的证件。</translation>
    </message>
    <message>
        <source>This document cannot be read here without more details. Please type this person's details below.</source>
        <translation>此证件需要更多信息才能读取。请在下方手动填写此人的信息。</translation>
    </message>
    <message>
        <source>Put this person's identity card on the reader.</source>
        <translation>请把此人的身份证件放在读卡器上。</translation>
    </message>
    <message>
        <source>Read their identity card, or type their details below. Staff at the registration authority check typed details.</source>
        <translation>请读取此人的身份证件，或在下方手动填写。手动填写的信息由登记机关工作人员核验。</translation>
    </message>
</context>
<context>
    <name>ReservationScreen</name>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>Using your reserved name…</source>
        <translation>正在使用您保留的名称……</translation>
    </message>
    <message>
        <source>First, reserve the company name</source>
        <translation>请先申报并保留企业名称</translation>
    </message>
    <message>
        <source>The name you reserved has expired.</source>
        <translation>您保留的名称已过期。</translation>
    </message>
    <message>
        <source>The name you reserved is not a company name of this kind.</source>
        <translation>您保留的名称不适用于此类企业。</translation>
    </message>
    <message>
        <source>This service starts from a company name reserved through the enterprise name declaration. It takes a few minutes, and then you come straight back here.</source>
        <translation>办理此业务需要先通过企业名称自主申报保留名称。只需几分钟，完成后会直接回到这里继续办理。</translation>
    </message>
    <message>
        <source>Please ask a member of staff for help.</source>
        <translation>请找工作人员帮助。</translation>
    </message>
    <message>
        <source>Reserve the name now: %1</source>
        <translation>现在申报名称：%1</translation>
    </message>
</context>
<context>
    <name>RegionPicker</name>
    <message>
        <source>Type a place name, in characters or pinyin</source>
        <translation>输入地名（汉字或拼音）</translation>
    </message>
    <message>
        <source>Search for a place</source>
        <translation>搜索地名</translation>
    </message>
    <message>
        <source>%1 places match.</source>
        <translation>找到 %1 个地方。</translation>
    </message>
</context>
<context>
    <name>GuidanceScreen</name>
    <message>
        <source>Done typing</source>
        <translation>输入完成</translation>
    </message>
    <message>
        <source>What you need to know before you start</source>
        <translation>开始前请了解</translation>
    </message>
    <message>
        <source>Read this, then press “Start”. You can also print it to take with you.</source>
        <translation>请阅读以下说明，然后按“开始办理”。也可以打印带走。</translation>
    </message>
    <message>
        <source>Guidance only: nothing is started. Print it to take with you.</source>
        <translation>仅查看办事指南，不会开始办理。可以打印带走。</translation>
    </message>
    <message>
        <source>Printing the checklist…</source>
        <translation>正在打印材料清单……</translation>
    </message>
    <message>
        <source>The checklist has been printed. Please take it.</source>
        <translation>材料清单已打印，请取走。</translation>
    </message>
    <message>
        <source>The checklist could not be printed. You can read it here.</source>
        <translation>材料清单未能打印，您可以在这里阅读。</translation>
    </message>
    <message>
        <source>Print this checklist</source>
        <translation>打印材料清单</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始办理</translation>
    </message>
    <message>
        <source>What it is</source>
        <translation>办理事项</translation>
    </message>
    <message>
        <source>What to bring</source>
        <translation>需要带的材料</translation>
    </message>
    <message>
        <source>(required)</source>
        <translation>（必需）</translation>
    </message>
    <message>
        <source>The steps</source>
        <translation>办理步骤</translation>
    </message>
    <message>
        <source>How long it takes</source>
        <translation>办理时限</translation>
    </message>
    <message>
        <source>%1 working days</source>
        <translation>%1 个工作日</translation>
    </message>
</context>
<context>
    <name>VerifySlipScreen</name>
    <message>
        <source>Check a licence or a receipt</source>
        <translation>核验营业执照或受理回执</translation>
    </message>
    <message>
        <source>Hold the QR code of a business licence or of an acceptance receipt under the scanner. The kiosk checks its signature, without the network.</source>
        <translation>请将营业执照或受理回执上的二维码对准扫描器。本机离线核验它的电子签名，无需联网。</translation>
    </message>
    <message>
        <source>The scanner is not working just now. Please ask a member of staff.</source>
        <translation>扫描器暂时无法使用，请联系工作人员。</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在核验…</translation>
    </message>
    <message>
        <source>This code is not a signed licence or receipt.</source>
        <translation>这个二维码不是带电子签名的营业执照或回执。</translation>
    </message>
    <message>
        <source>The code could not be checked just now. Please ask a member of staff.</source>
        <translation>暂时无法核验这个二维码，请联系工作人员。</translation>
    </message>
    <message>
        <source>To check another slip, hold its QR code under the scanner.</source>
        <translation>如需核验另一张，请将它的二维码对准扫描器。</translation>
    </message>
    <message>
        <source>✗ Not genuine: what the slip says does not match its signature. It may have been changed.</source>
        <translation>✗ 不是真实的：内容与电子签名不符，可能已被篡改。</translation>
    </message>
    <message>
        <source>✗ Cannot be confirmed: it was signed with a key this kiosk does not know.</source>
        <translation>✗ 无法确认：签名所用的密钥本机不认识。</translation>
    </message>
    <message>
        <source>✗ Not valid: it was signed with a key that had already expired.</source>
        <translation>✗ 无效：签名时所用的密钥已经过期。</translation>
    </message>
    <message>
        <source>Signed by: %1</source>
        <translation>签名方：%1</translation>
    </message>
    <message>
        <source>✓ Genuine: this licence was signed by the registration system.</source>
        <translation>✓ 真实有效：此营业执照由登记系统签发。</translation>
    </message>
    <message>
        <source>✓ Genuine: this receipt was printed and signed by this kiosk.</source>
        <translation>✓ 真实有效：此回执由本机打印并签名。</translation>
    </message>
    <message>
        <source>✓ Genuine: this receipt was signed by a registration kiosk.</source>
        <translation>✓ 真实有效：此回执由登记自助机签名。</translation>
    </message>
    <message>
        <source>unknown key %1</source>
        <translation>未知密钥 %1</translation>
    </message>
    <message>
        <source>the registration system (key %1)</source>
        <translation>登记系统（密钥 %1）</translation>
    </message>
    <message>
        <source>this kiosk %1 (key %2)</source>
        <translation>本机 %1（密钥 %2）</translation>
    </message>
    <message>
        <source>kiosk %1 (key %2)</source>
        <translation>自助机 %1（密钥 %2）</translation>
    </message>
    <message>
        <source>What the slip says (confirmed by its signature):</source>
        <translation>凭证内容（已由电子签名确认）：</translation>
    </message>
    <message>
        <source>What the code says (NOT confirmed):</source>
        <translation>二维码所载内容（未经确认）：</translation>
    </message>
    <message>
        <source>the application number</source>
        <translation>申请编号</translation>
    </message>
    <message>
        <source>the kiosk's provisional reference</source>
        <translation>自助机临时编号</translation>
    </message>
    <message>
        <source>Unified social credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Date of establishment</source>
        <translation>成立日期</translation>
    </message>
    <message>
        <source>Registration authority</source>
        <translation>登记机关</translation>
    </message>
    <message>
        <source>Print job</source>
        <translation>打印任务</translation>
    </message>
    <message>
        <source>Printed at</source>
        <translation>打印时间</translation>
    </message>
    <message>
        <source>Signed at</source>
        <translation>签名时间</translation>
    </message>
    <message>
        <source>Issued at</source>
        <translation>签发时间</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Number is</source>
        <translation>编号类型</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>业务</translation>
    </message>
    <message>
        <source>Kiosk</source>
        <translation>自助机</translation>
    </message>
    <message>
        <source>Submitted on</source>
        <translation>提交日期</translation>
    </message>
    <message>
        <source>Signed text</source>
        <translation>签名内容</translation>
    </message>
</context>
<context>
    <name>LookupEntryScreen</name>
    <message>
        <source>Which application do you want to look up?</source>
        <translation>您要查询哪一件申请？</translation>
    </message>
    <message>
        <source>Type the application number from your receipt, or hold the receipt's QR code under the scanner.</source>
        <translation>请输入受理回执上的办件编号，或将回执上的二维码放在扫描器下。</translation>
    </message>
    <message>
        <source>Type the application number from your receipt.</source>
        <translation>请输入受理回执上的办件编号。</translation>
    </message>
    <message>
        <source>Application number</source>
        <translation>办件编号</translation>
    </message>
    <message>
        <source>It looks like %1. A reference from this kiosk, like K0001-000123, works too.</source>
        <translation>编号格式如 %1。本机给出的临时编号（如 K0001-000123）也可以查询。</translation>
    </message>
    <message>
        <source>A reference from this kiosk, like K0001-000123, works too.</source>
        <translation>本机给出的临时编号（如 K0001-000123）也可以查询。</translation>
    </message>
    <message>
        <source>Looked up for: %1 (from the document you put on the reader)</source>
        <translation>查询人：%1（来自您放在读卡器上的证件）</translation>
    </message>
    <message>
        <source>Your identity number</source>
        <translation>您的证件号码</translation>
    </message>
    <message>
        <source>The number of the identity document you applied with: 18 characters on a resident identity card.</source>
        <translation>请输入申请时所用证件的号码，居民身份证为18位。</translation>
    </message>
    <message>
        <source>Please type the application number, or scan the receipt's QR code.</source>
        <translation>请输入办件编号，或扫描回执上的二维码。</translation>
    </message>
    <message>
        <source>This does not look like an application number. Please check it against your receipt: it looks like %1.</source>
        <translation>这不像是办件编号，请对照回执核对：编号格式如 %1。</translation>
    </message>
    <message>
        <source>This does not look like an application number. Please check it against your receipt.</source>
        <translation>这不像是办件编号，请对照回执核对。</translation>
    </message>
    <message>
        <source>Please type your identity number.</source>
        <translation>请输入您的证件号码。</translation>
    </message>
    <message>
        <source>This identity number is not valid: please check every digit.</source>
        <translation>证件号码不正确，请逐位核对。</translation>
    </message>
    <message>
        <source>An identity number has letters and digits only: please check it.</source>
        <translation>证件号码只包含字母和数字，请核对。</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>Look it up</source>
        <translation>查询</translation>
    </message>
</context>
<context>
    <name>LookupResultScreen</name>
    <message>
        <source>Provisional reference</source>
        <translation>临时编号</translation>
    </message>
    <message>
        <source>Look up another application</source>
        <translation>查询其他办件</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Looking up your application…</source>
        <translation>正在查询您的办件…</translation>
    </message>
    <message>
        <source>Not sent yet: kept safely on this kiosk</source>
        <translation>尚未发送：已安全保存在本机</translation>
    </message>
    <message>
        <source>Your application is kept safely on this kiosk and will be sent to the registration office as soon as the connection is back. Nothing is lost and you need not apply again. Once it has arrived, its application number is shown here and sent to you by text message.</source>
        <translation>您的申请已安全保存在本机，网络恢复后会立即发送给登记机关。申请不会丢失，您无需重新申请。送达后，办件编号会在这里显示，并以短信告知您。</translation>
    </message>
    <message>
        <source>Please ask at the counter</source>
        <translation>请到窗口咨询</translation>
    </message>
    <message>
        <source>The registration office could not take this application as it was sent. Staff can see why and will help you.</source>
        <translation>登记机关未能接收这份申请。工作人员可以查看原因并帮助您。</translation>
    </message>
    <message>
        <source>This reference is from another kiosk</source>
        <translation>这是其他自助机给出的临时编号</translation>
    </message>
    <message>
        <source>Until the application has its application number, only the kiosk that gave the reference can find it. The number comes to you by text message; with it you can look the application up at any kiosk.</source>
        <translation>在取得办件编号之前，只有给出该临时编号的自助机能查到这份申请。办件编号会以短信发送给您，凭办件编号可在任何一台自助机查询。</translation>
    </message>
    <message>
        <source>The status cannot be looked up just now</source>
        <translation>暂时无法查询办理进度</translation>
    </message>
    <message>
        <source>The kiosk cannot reach the registration office at the moment. Nothing is wrong with your application. Please try again in a few minutes, or call 12345.</source>
        <translation>本机暂时无法连接登记机关，这不影响您的申请。请过几分钟再试，或拨打12345咨询。</translation>
    </message>
    <message>
        <source>No application found</source>
        <translation>未查到办件</translation>
    </message>
    <message>
        <source>No application with this number was found for this identity document. Please check the number on your receipt and try again.</source>
        <translation>没有查到与此证件对应的该编号办件。请核对回执上的编号后重试。</translation>
    </message>
    <message>
        <source>Check the number and try again</source>
        <translation>核对编号后重试</translation>
    </message>
    <message>
        <source>Your reference %1 has now been given this application number. Please use it from now on.</source>
        <translation>您的临时编号 %1 已取得上面的办件编号，今后请使用办件编号。</translation>
    </message>
    <message>
        <source>What the registration office asks you to correct:</source>
        <translation>登记机关要求您补正的内容：</translation>
    </message>
    <message>
        <source>The registration office's reason:</source>
        <translation>登记机关说明的理由：</translation>
    </message>
    <message>
        <source>Received: waiting to be reviewed</source>
        <translation>已受理，等待审核</translation>
    </message>
    <message>
        <source>Being reviewed</source>
        <translation>审核中</translation>
    </message>
    <message>
        <source>Needs a correction from you</source>
        <translation>需要您补正</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>已核准</translation>
    </message>
    <message>
        <source>Not approved</source>
        <translation>未予核准</translation>
    </message>
    <message>
        <source>Being handled</source>
        <translation>办理中</translation>
    </message>
    <message>
        <source>There is nothing you need to do now. You will get a text message when it has been decided.</source>
        <translation>您现在无需做任何事。办理有结果时会以短信通知您。</translation>
    </message>
    <message>
        <source>Please correct it at the counter: bring your identity document and what the office asks for.</source>
        <translation>请到窗口办理补正：带上您的身份证件和登记机关要求的材料。</translation>
    </message>
    <message>
        <source>Your business licence is ready. You can print it here now.</source>
        <translation>您的营业执照已可领取，现在就可以在本机打印。</translation>
    </message>
    <message>
        <source>Your business licence is ready. Please collect it at the counter.</source>
        <translation>您的营业执照已可领取，请到窗口领取。</translation>
    </message>
    <message>
        <source>Your business licence has already been printed. For another original, please ask at the counter.</source>
        <translation>您的营业执照已打印过。如需再打印一份正本，请到窗口咨询。</translation>
    </message>
    <message>
        <source>There is nothing more you need to do.</source>
        <translation>您无需再做任何事。</translation>
    </message>
    <message>
        <source>If you have questions, or want to apply again, staff at the counter can help you.</source>
        <translation>如有疑问或想重新申请，窗口工作人员可以帮助您。</translation>
    </message>
    <message>
        <source>You will get a text message when there is news.</source>
        <translation>有新进展时会以短信通知您。</translation>
    </message>
    <message>
        <source>Take a queue ticket here and you will be called.</source>
        <translation>您可以在本机取号，等候叫号。</translation>
    </message>
    <message>
        <source>Application number</source>
        <translation>办件编号</translation>
    </message>
    <message>
        <source>What has happened so far</source>
        <translation>办理经过</translation>
    </message>
    <message>
        <source>Print my business licence</source>
        <translation>打印营业执照</translation>
    </message>
    <message>
        <source>Take a queue ticket for the counter</source>
        <translation>取号到窗口办理</translation>
    </message>
</context>
<context>
    <name>ReadingAids</name>
    <message>
        <source>Larger text</source>
        <translation>大字</translation>
    </message>
    <message>
        <source>High contrast</source>
        <translation>高对比</translation>
    </message>
    <message>
        <source>On: the words are larger</source>
        <translation>已开启：字更大</translation>
    </message>
    <message>
        <source>Makes the words larger</source>
        <translation>把字放大</translation>
    </message>
    <message>
        <source>On: light words on black</source>
        <translation>已开启：黑底浅色字</translation>
    </message>
    <message>
        <source>Light words on black, easier to see</source>
        <translation>黑底浅色字，看得更清楚</translation>
    </message>
</context>
<context>
    <name>OutOfServiceScreen</name>
    <message>
        <source>This kiosk is out of service for now</source>
        <translation>本机暂停服务</translation>
    </message>
    <message>
        <source>It is being looked after and will be back soon.</source>
        <translation>工作人员正在维护，很快就会恢复。</translation>
    </message>
    <message>
        <source>Please use another kiosk, or ask the staff at the service desk: they can help you.</source>
        <translation>请使用其他自助机，或到服务台请工作人员帮您办理。</translation>
    </message>
</context>
<context>
    <name>ConnectionNotice</name>
    <message>
        <source>The network is down just now. Your application is kept safely on this kiosk and will be sent automatically when the network is back. You do not need to come back.</source>
        <translation>网络暂时中断。您的申请已安全保存在本机，网络恢复后会自动发送，您无需再来。</translation>
    </message>
</context>
<context>
    <name>LicencePrintScreen</name>
    <message>
        <source>Change the numbers</source>
        <translation>修改号码</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>再试一次</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Asking the registration office for your licence…</source>
        <translation>正在向登记机关调取您的营业执照…</translation>
    </message>
    <message>
        <source>Printing your licence…</source>
        <translation>正在打印您的营业执照…</translation>
    </message>
    <message>
        <source>Please wait by the printer. This takes a few seconds.</source>
        <translation>请在打印机旁稍候，只需几秒钟。</translation>
    </message>
    <message>
        <source>Please take your licence</source>
        <translation>请取走您的营业执照</translation>
    </message>
    <message>
        <source>Your business licence has come out of the printer below. The original is printed only once: keep it safe.</source>
        <translation>您的营业执照已从下方打印机打出。正本只打印一次，请妥善保管。</translation>
    </message>
    <message>
        <source>Nothing was printed</source>
        <translation>没有打印出任何内容</translation>
    </message>
    <message>
        <source>The printer could not print your licence, and nothing came out. You can try again, or ask a member of staff.</source>
        <translation>打印机未能打印您的营业执照，没有打出任何内容。您可以再试一次，或请工作人员帮助。</translation>
    </message>
    <message>
        <source>A member of staff will help you</source>
        <translation>工作人员会帮助您</translation>
    </message>
    <message>
        <source>The printer stopped answering, so we cannot tell whether your licence came out. To make sure only one original exists, it is not printed again here. Please ask a member of staff: they will check the printer and help you.</source>
        <translation>打印机没有回应，无法确定您的营业执照是否已经打出。为确保正本只有一份，本机不会再次打印。请找工作人员，他们会检查打印机并帮助您。</translation>
    </message>
    <message>
        <source>Please take your identity card back from the reader.</source>
        <translation>请从读卡器上取回您的身份证件。</translation>
    </message>
    <message>
        <source>Unified social credit code: %1</source>
        <translation>统一社会信用代码：%1</translation>
    </message>
    <message>
        <source>No licence found for these numbers</source>
        <translation>没有找到与这些号码对应的营业执照</translation>
    </message>
    <message>
        <source>There is no licence to print yet</source>
        <translation>暂时还没有可以打印的营业执照</translation>
    </message>
    <message>
        <source>This licence has already been printed</source>
        <translation>这份营业执照已经打印过了</translation>
    </message>
    <message>
        <source>This licence is being printed at another kiosk</source>
        <translation>这份营业执照正在另一台自助机上打印</translation>
    </message>
    <message>
        <source>The licence cannot be printed just now</source>
        <translation>营业执照暂时无法打印</translation>
    </message>
    <message>
        <source>Please check the unified social credit code and the application number. A licence can be printed only once the application is approved, by the person who applied.</source>
        <translation>请核对统一社会信用代码和办件编号。申请核准后，才能由申请人本人打印营业执照。</translation>
    </message>
    <message>
        <source>The application has not been approved yet, or it issues no licence. You will get a text message when your licence is ready.</source>
        <translation>申请尚未核准，或该事项不发营业执照。营业执照可以打印时，您会收到短信通知。</translation>
    </message>
    <message>
        <source>The original licence is printed only once. If you need another original, please ask at the service counter: staff can approve it.</source>
        <translation>营业执照正本只打印一次。如需再打印一份正本，请到服务窗口申请，由工作人员审批。</translation>
    </message>
    <message>
        <source>If printing there did not work, please ask a member of staff: they can release it for this kiosk.</source>
        <translation>如果在那里没有打印成功，请找工作人员，他们可以让本机打印。</translation>
    </message>
    <message>
        <source>An earlier print of this licence here may have come out. To make sure only one original exists, please ask a member of staff to check.</source>
        <translation>这份营业执照之前在本机的打印可能已经打出。为确保正本只有一份，请找工作人员核实。</translation>
    </message>
    <message>
        <source>The kiosk cannot reach the registration office just now. Nothing was printed. Please try again in a moment.</source>
        <translation>自助机暂时连不上登记机关，没有打印任何内容。请稍后再试。</translation>
    </message>
    <message>
        <source>This licence cannot be printed here</source>
        <translation>这份营业执照无法在本机打印</translation>
    </message>
    <message>
        <source>The registration office did not allow printing it at this kiosk. Please ask a member of staff.</source>
        <translation>登记机关不允许在本机打印。请找工作人员帮助。</translation>
    </message>
</context>
<context>
    <name>RateButton</name>
    <message>
        <source>Rate this service</source>
        <translation>评价本次服务</translation>
    </message>
    <message>
        <source>Tell us how this visit went: five levels, from very satisfied to very dissatisfied</source>
        <translation>告诉我们这次办事的感受：从非常满意到非常不满意，共五级</translation>
    </message>
</context>
<context>
    <name>FeedbackSentScreen</name>
    <message>
        <source>Change my rating</source>
        <translation>修改评价</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>再试一次</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Saving your rating…</source>
        <translation>正在保存您的评价…</translation>
    </message>
    <message>
        <source>Thank you for your rating</source>
        <translation>感谢您的评价</translation>
    </message>
    <message>
        <source>It is saved and goes to the registration office, which reads every rating to serve you better.</source>
        <translation>评价已保存，将送达登记机关。每一条评价都会被认真阅读，以便更好地为您服务。</translation>
    </message>
    <message>
        <source>Your rating could not be saved</source>
        <translation>您的评价未能保存</translation>
    </message>
    <message>
        <source>This rating cannot be sent as it is. Please choose your rating again.</source>
        <translation>这条评价无法按现在的内容发送，请重新选择您的评价。</translation>
    </message>
    <message>
        <source>The kiosk could not save it just now. Please try again, or tell a member of staff.</source>
        <translation>本机暂时无法保存评价。请再试一次，或告诉工作人员。</translation>
    </message>
</context>
<context>
    <name>ResultOffersPanel</name>
    <message>
        <source>This kiosk is in a bank branch: you can open the company's account at its counter today.</source>
        <translation>本机设在银行网点：您今天就可以在柜台开立企业银行账户。</translation>
    </message>
    <message>
        <source>Once approved, your licence will be posted to %1 (to %2, %3).</source>
        <translation>核准后，营业执照将邮寄至%1（收件人 %2，%3）。</translation>
    </message>
    <message>
        <source>Once approved, collect your licence at the registration counter with your identity card.</source>
        <translation>核准后，请凭本人身份证到登记窗口领取营业执照。</translation>
    </message>
    <message>
        <source>Once approved, print your licence at any kiosk with your identity card.</source>
        <translation>核准后，可凭本人身份证在任一自助终端打印营业执照。</translation>
    </message>
    <message>
        <source>Your licence: %1</source>
        <translation>营业执照：%1</translation>
    </message>
    <message>
        <source>Open the company's bank account at %1?</source>
        <translation>现在在%1开立企业银行账户吗？</translation>
    </message>
    <message>
        <source>If you agree, the kiosk prints a slip for the bank's counter. The bank gets your application number, the enterprise name and your name; not your identity number. Nothing else is shared.</source>
        <translation>如您同意，本机将打印一张转柜台单。银行将获得您的申请编号、企业名称和您的姓名，不包括您的身份证件号码，也不提供其他任何信息。</translation>
    </message>
    <message>
        <source>Nothing was shared with the bank.</source>
        <translation>没有向银行提供任何信息。</translation>
    </message>
    <message>
        <source>Printing the slip for the bank's counter…</source>
        <translation>正在打印转柜台单…</translation>
    </message>
    <message>
        <source>Take the slip to the bank's counter with your identity card: they open the account there.</source>
        <translation>请带上转柜台单和本人身份证到银行柜台办理开户。</translation>
    </message>
    <message>
        <source>The slip could not be printed; nothing came out. You can try again.</source>
        <translation>转柜台单未能打印，没有出纸。您可以再试一次。</translation>
    </message>
    <message>
        <source>The printer stopped answering, so the slip may or may not have come out. If there is none, please ask a member of staff.</source>
        <translation>打印机没有回应，转柜台单可能已打印也可能没有。如果没有，请联系工作人员。</translation>
    </message>
    <message>
        <source>Open the company's bank account here, at %1</source>
        <translation>在这里开立企业银行账户（%1）</translation>
    </message>
    <message>
        <source>Try printing the slip again</source>
        <translation>重新打印转柜台单</translation>
    </message>
    <message>
        <source>Yes, I agree</source>
        <translation>同意</translation>
    </message>
    <message>
        <source>No, thank you</source>
        <translation>不用了</translation>
    </message>
    <message>
        <source>Apply now: %1</source>
        <translation>现在申请：%1</translation>
    </message>
    <message>
        <source>Your business scope has items that need a permit before you start them. You can apply now, with what you have given filled in.</source>
        <translation>您的经营范围中有须经许可后方可经营的项目。您可以现在申请许可，已填写的信息会自动带入。</translation>
    </message>
</context>
<context>
    <name>ComplaintButton</name>
    <message>
        <source>I came and could not get it done</source>
        <translation>跑一次没办成</translation>
    </message>
    <message>
        <source>Leave your mobile number and take a ticket for the complaints window</source>
        <translation>留下手机号码，领取投诉窗口号票</translation>
    </message>
</context>
<context>
    <name>QueueChoiceScreen</name>
    <message>
        <source>Which ticket do you need?</source>
        <translation>您要取哪种号？</translation>
    </message>
    <message>
        <source>Take a ticket</source>
        <translation>普通取号</translation>
    </message>
    <message>
        <source>Priority ticket (green channel)</source>
        <translation>绿色通道（优先取号）</translation>
    </message>
    <message>
        <source>For older people, people with a disability and expectant mothers</source>
        <translation>适用于老年人、残疾人和孕妇</translation>
    </message>
    <message>
        <source>The priority ticket is for older people, people with a disability and expectant mothers. You are served first.</source>
        <translation>绿色通道号适用于老年人、残疾人和孕妇，优先办理。</translation>
    </message>
    <message>
        <source>I booked an appointment online</source>
        <translation>我已在网上预约</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
</context>
<context>
    <name>QueueTicketScreen</name>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>Take an ordinary ticket</source>
        <translation>取普通号</translation>
    </message>
    <message>
        <source>Try printing again</source>
        <translation>再打印一次</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Please put your identity card on the reader</source>
        <translation>请将身份证放在读卡器上</translation>
    </message>
    <message>
        <source>We will find the appointment you booked online.</source>
        <translation>我们将查找您在网上的预约。</translation>
    </message>
    <message>
        <source>Getting your ticket…</source>
        <translation>正在取号…</translation>
    </message>
    <message>
        <source>No ticket was given</source>
        <translation>未能取号</translation>
    </message>
    <message>
        <source>Your number</source>
        <translation>您的号码</translation>
    </message>
    <message>
        <source>Priority (green channel)</source>
        <translation>绿色通道</translation>
    </message>
    <message>
        <source>Appointment %1</source>
        <translation>预约时段 %1</translation>
    </message>
    <message>
        <source>You are checked in</source>
        <translation>预约已签到</translation>
    </message>
    <message>
        <source>Here is your ticket</source>
        <translation>这是您的号票</translation>
    </message>
    <message>
        <source>Printing your ticket…</source>
        <translation>正在打印号票…</translation>
    </message>
    <message>
        <source>Please take your ticket from the printer below and wait to be called.</source>
        <translation>请从下方出纸口取走号票，留意叫号。</translation>
    </message>
    <message>
        <source>The printer stopped answering, so your ticket may or may not have come out. Please remember your number, or ask a member of staff.</source>
        <translation>打印机没有响应，号票可能没有打出。请记住您的号码，或请工作人员帮助。</translation>
    </message>
    <message>
        <source>The ticket could not be printed. Please remember your number above: it is called as it is. You can try printing again.</source>
        <translation>号票未能打印。请记住上面的号码，叫号时以此号码为准。您也可以再打印一次。</translation>
    </message>
    <message>
        <source>We could not find an appointment for you today. You can take an ordinary ticket, or ask a member of staff.</source>
        <translation>没有找到您今天的预约。您可以取普通号，或请工作人员帮助。</translation>
    </message>
    <message>
        <source>The time of your appointment has passed. Please take an ordinary ticket.</source>
        <translation>您的预约时间已过，请取普通号。</translation>
    </message>
    <message>
        <source>Appointments cannot be checked in at this kiosk. Please take an ordinary ticket, or ask a member of staff.</source>
        <translation>本机暂不能办理预约签到。请取普通号，或请工作人员帮助。</translation>
    </message>
    <message>
        <source>Your appointment cannot be checked now. Please take an ordinary ticket, or ask a member of staff.</source>
        <translation>暂时无法查询您的预约。请取普通号，或请工作人员帮助。</translation>
    </message>
    <message>
        <source>The kiosk could not give a ticket just now. Please ask a member of staff.</source>
        <translation>本机暂时无法取号，请工作人员帮助。</translation>
    </message>
</context>
<context>
    <name>ComplaintScreen</name>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>Try printing again</source>
        <translation>再打印一次</translation>
    </message>
    <message>
        <source>Print my ticket</source>
        <translation>打印号票</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Your mobile number</source>
        <translation>您的手机号码</translation>
    </message>
    <message>
        <source>I came and could not get it done</source>
        <translation>跑一次没办成</translation>
    </message>
    <message>
        <source>We are sorry. Leave your mobile number and take a ticket for the complaints window: staff there will help you now, and call you back.</source>
        <translation>非常抱歉。请留下您的手机号码并领取投诉窗口号票：窗口工作人员会当场为您处理，并回电跟进。</translation>
    </message>
    <message>
        <source>Getting your ticket…</source>
        <translation>正在取号…</translation>
    </message>
    <message>
        <source>No ticket was given</source>
        <translation>未能取号</translation>
    </message>
    <message>
        <source>The kiosk could not give a ticket just now. Please ask a member of staff.</source>
        <translation>本机暂时无法取号，请工作人员帮助。</translation>
    </message>
    <message>
        <source>Please go to the complaints window</source>
        <translation>请到投诉窗口</translation>
    </message>
    <message>
        <source>Your number</source>
        <translation>您的号码</translation>
    </message>
    <message>
        <source>Printing your ticket…</source>
        <translation>正在打印号票…</translation>
    </message>
    <message>
        <source>Please take your ticket from the printer below.</source>
        <translation>请从下方出纸口取走号票。</translation>
    </message>
    <message>
        <source>The ticket could not be printed. Please remember your number above, or try printing again.</source>
        <translation>号票未能打印。请记住上面的号码，或再打印一次。</translation>
    </message>
    <message>
        <source>The printer stopped answering, so your ticket may or may not have come out. Please remember your number, or ask a member of staff.</source>
        <translation>打印机没有响应，号票可能没有打出。请记住您的号码，或请工作人员帮助。</translation>
    </message>
</context>
<context>
    <name>LeavingWarningPanel</name>
    <message>
        <source>You took your card</source>
        <translation>您已取走身份证件</translation>
    </message>
    <message>
        <source>This session will end in %1 seconds.</source>
        <translation>本次办理将在 %1 秒后结束。</translation>
    </message>
    <message>
        <source>End now</source>
        <translation>现在结束</translation>
    </message>
    <message>
        <source>I'm not finished</source>
        <translation>我还没有办完</translation>
    </message>
    <message>
        <source>Please take your printout</source>
        <translation>请取走您的打印件</translation>
    </message>
    <message>
        <source>It is still in the printer's slot. For your privacy this session will end in %1 seconds.</source>
        <translation>打印件仍在出纸口。为保护您的隐私，本次办理将在 %1 秒后结束。</translation>
    </message>
</context>
<context>
    <name>SpeechBar</name>
    <message>
        <source>Read aloud</source>
        <translation>朗读</translation>
    </message>
    <message>
        <source>On: the kiosk reads each screen aloud. A headset gives you privacy.</source>
        <translation>已打开：自助机会朗读每个页面。戴上耳机，别人听不到。</translation>
    </message>
    <message>
        <source>The kiosk reads each screen aloud</source>
        <translation>自助机为您朗读每个页面</translation>
    </message>
    <message>
        <source>Volume %1 of %2</source>
        <translation>音量：第%1级，共%2级</translation>
    </message>
    <message>
        <source>Quieter</source>
        <translation>小声</translation>
    </message>
    <message>
        <source>Louder</source>
        <translation>大声</translation>
    </message>
    <message>
        <source>Read again</source>
        <translation>再读一遍</translation>
    </message>
    <message>
        <source>Reads this screen again from the top</source>
        <translation>从头再读一遍本页</translation>
    </message>
</context>
</TS>