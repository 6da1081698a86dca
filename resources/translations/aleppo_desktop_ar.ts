<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar">
<context>
    <name>LanguageMenu</name>
    <message>
        <source>&amp;Language</source>
        <translation>ال&amp;لغة</translation>
    </message>
    <message>
        <source>Eastern Arabic &amp;digits (١٢٣)</source>
        <translation>أرقام &amp;مشرقية (١٢٣)</translation>
    </message>
    <message>
        <source>Write numbers and dates with ٠١٢٣٤٥٦٧٨٩ in Arabic</source>
        <translation>اكتب الأرقام والتواريخ بالأرقام ٠١٢٣٤٥٦٧٨٩ في الواجهة العربية</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>اللغة</translation>
    </message>
    <message>
        <source>The app will use this choice the next time it starts.</source>
        <translation>سيعتمد التطبيق هذا الاختيار عند تشغيله في المرة القادمة.</translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message>
        <source>{path}: valid ({areas} area units, {rows} control rows, {events} events, {claims} claims)</source>
        <translation>{path}: صالح ({areas} وحدة مساحة، {rows} سطر سيطرة، {events} حدث، {claims} ادعاء)</translation>
    </message>
    <message>
        <source>the language of the interface, the messages and every export (before any subcommand; default: the system&apos;s)</source>
        <translation>لغة الواجهة والرسائل وكل تصدير (قبل أي أمر فرعي؛ الافتراضي: لغة النظام)</translation>
    </message>
    <message>
        <source>Play back the 2016 battle for Aleppo.</source>
        <translation>إعادة عرض معركة حلب عام 2016.</translation>
    </message>
    <message>
        <source>show tracebacks</source>
        <translation>إظهار تفاصيل الأخطاء البرمجية</translation>
    </message>
    <message>
        <source>check a scenario and list every problem</source>
        <translation>فحص سيناريو وسرد كل مشكلة فيه</translation>
    </message>
    <message>
        <source>summary of a scenario</source>
        <translation>ملخص سيناريو</translation>
    </message>
    <message>
        <source>the control map at a date</source>
        <translation>خريطة السيطرة في تاريخ معيّن</translation>
    </message>
    <message>
        <source>the brief&apos;s claims checked against the map</source>
        <translation>ادعاءات الإحاطة مقارنةً بالخريطة</translation>
    </message>
    <message>
        <source>Open the app.</source>
        <translation>فتح التطبيق.</translation>
    </message>
    <message>
        <source>check the installation and exit</source>
        <translation>فحص التثبيت ثم الخروج</translation>
    </message>
    <message>
        <source>unexpected error</source>
        <translation>خطأ غير متوقع</translation>
    </message>
</context>
</TS>
