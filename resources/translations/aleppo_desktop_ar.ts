<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar">
<context>
    <name>BasemapsPanel</name>
    <message>
        <source>Basemaps (*.mbtiles *.pmtiles *.gpkg *.tif *.tiff *.geojson *.json *.shp *.kml *.fgb *.osm.pbf *.pbf);;All files (*)</source>
        <translation>خرائط أساس (*.mbtiles *.pmtiles *.gpkg *.tif *.tiff *.geojson *.json *.shp *.kml *.fgb *.osm.pbf *.pbf);;كل الملفات (*)</translation>
    </message>
    <message>
        <source>Local names</source>
        <translation>الأسماء المحلية</translation>
    </message>
    <message>
        <source>English names</source>
        <translation>الأسماء الإنجليزية</translation>
    </message>
    <message>
        <source>Arabic names</source>
        <translation>الأسماء العربية</translation>
    </message>
    <message>
        <source>Your basemaps</source>
        <translation>خرائط الأساس الخاصة بك</translation>
    </message>
    <message>
        <source>Drop MBTiles, PMTiles, GeoPackage, GeoTIFF, vector or .osm.pbf files here</source>
        <translation>أفلِت هنا ملفات MBTiles أو PMTiles أو GeoPackage أو GeoTIFF أو ملفات متجهية أو .osm.pbf</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>إضافة…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>إزالة</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>لأعلى</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>لأسفل</translation>
    </message>
    <message>
        <source>Opacity of the selected basemap</source>
        <translation>عتامة خريطة الأساس المحددة</translation>
    </message>
    <message>
        <source>Zones over your basemaps</source>
        <translation>المناطق فوق خرائط الأساس الخاصة بك</translation>
    </message>
    <message>
        <source>Street names of OSM extracts added from now on</source>
        <translation>أسماء الشوارع في مقتطفات OSM المضافة من الآن فصاعدًا</translation>
    </message>
    <message>
        <source>Add basemap</source>
        <translation>إضافة خريطة أساس</translation>
    </message>
    <message>
        <source>Importing {name}…</source>
        <translation>جارٍ استيراد {name}…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <source>Skipped: </source>
        <translation>تم تخطي: </translation>
    </message>
    <message>
        <source>Add basemap…</source>
        <translation>إضافة خريطة أساس…</translation>
    </message>
</context>
<context>
    <name>ClaimsPanel</name>
    <message>
        <source>km²</source>
        <translation>كم²</translation>
    </message>
    <message>
        <source>km</source>
        <translation>كم</translation>
    </message>
    <message>
        <source>people</source>
        <translation>شخص</translation>
    </message>
    <message>
        <source>claim</source>
        <translation>الادعاء</translation>
    </message>
    <message>
        <source>source</source>
        <translation>المصدر</translation>
    </message>
    <message>
        <source>claimed</source>
        <translation>المُدّعى</translation>
    </message>
    <message>
        <source>computed</source>
        <translation>المحسوب</translation>
    </message>
    <message>
        <source>difference</source>
        <translation>الفرق</translation>
    </message>
    <message>
        <source>holds</source>
        <translation>يصح</translation>
    </message>
    <message>
        <source>scope</source>
        <translation>النطاق</translation>
    </message>
    <message>
        <source>Click a claim: the map goes to its end date and outlines what it counts</source>
        <translation>انقر على ادعاء: تنتقل الخريطة إلى تاريخ نهايته وتحدّد ما يحسبه</translation>
    </message>
    <message>
        <source>Click a claim to see how its figure is computed.</source>
        <translation>انقر على ادعاء لترى كيف يُحسب رقمه.</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>نعم</translation>
    </message>
    <message>
        <source>no</source>
        <translation>لا</translation>
    </message>
    <message>
        <source>{km2} km² on {date}</source>
        <translation>{km2} كم² في {date}</translation>
    </message>
    <message>
        <source>{start} → {end} ({change} km²)</source>
        <translation>{start} ← {end} ({change} كم²)</translation>
    </message>
    <message>
        <source>Claimed: {value} — {source}</source>
        <translation>المُدّعى: {value} — {source}</translation>
    </message>
    <message>
        <source>lost {lost} of {start} km² = {share}%</source>
        <translation>خسر {lost} من {start} كم² = {share}%</translation>
    </message>
    <message>
        <source>gained by {faction}: {km2} km²</source>
        <translation>ما كسبه {faction}: {km2} كم²</translation>
    </message>
    <message>
        <source>front line on {date}: {km} km</source>
        <translation>خط الجبهة في {date}: {km} كم</translation>
    </message>
    <message>
        <source>computed: {value}</source>
        <translation>المحسوب: {value}</translation>
    </message>
    <message>
        <source>In {scope}: {basis}</source>
        <translation>في {scope}: {basis}</translation>
    </message>
    <message>
        <source>Computed: {how}</source>
        <translation>المحسوب: {how}</translation>
    </message>
    <message>
        <source>the claim holds</source>
        <translation>الادعاء صحيح</translation>
    </message>
    <message>
        <source>the claim does not hold</source>
        <translation>الادعاء غير صحيح</translation>
    </message>
    <message>
        <source> (within ±{tolerance})</source>
        <translation> (ضمن ±{tolerance})</translation>
    </message>
    <message>
        <source>Difference: {difference} — {verdict}{tolerance}</source>
        <translation>الفرق: {difference} — {verdict}{tolerance}</translation>
    </message>
    <message>
        <source>Outlined on the map: the {count} area units counted ({km2} km²)</source>
        <translation>محدّد على الخريطة: وحدات المساحة المحسوبة وعددها {count} ({km2} كم²)</translation>
    </message>
    <message>
        <source>Source: {source}</source>
        <translation>المصدر: {source}</translation>
    </message>
    <message>
        <source>Figures from the map geometry (UTM 37N): whole area units as held at 00:00 of each day.</source>
        <translation>الأرقام من هندسة الخريطة (UTM 37N): وحدات مساحة كاملة كما كانت السيطرة عليها الساعة 00:00 من كل يوم.</translation>
    </message>
    <message>
        <source>Provenance: {notes}</source>
        <translation>المصدر والمنهج: {notes}</translation>
    </message>
</context>
<context>
    <name>ControlsBar</name>
    <message>
        <source>{:g} days/s</source>
        <translation>{:g} يوم/ث</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>السرعة</translation>
    </message>
    <message>
        <source>At the end</source>
        <translation>عند النهاية</translation>
    </message>
    <message>
        <source>stop</source>
        <translation>توقف</translation>
    </message>
    <message>
        <source>loop</source>
        <translation>كرّر</translation>
    </message>
    <message>
        <source>back and forth</source>
        <translation>ذهابًا وإيابًا</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>إيقاف مؤقت</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>تشغيل</translation>
    </message>
    <message>
        <source>Stop playing backwards</source>
        <translation>أوقف التشغيل العكسي</translation>
    </message>
    <message>
        <source>Play backwards</source>
        <translation>تشغيل عكسي</translation>
    </message>
</context>
<context>
    <name>EditController</name>
    <message>
        <source>Undo</source>
        <translation>تراجع</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>إعادة</translation>
    </message>
    <message>
        <source>Select tool (click, Shift/Ctrl-click, lasso)</source>
        <translation>أداة التحديد (نقر، Shift/Ctrl مع النقر، لاسو)</translation>
    </message>
    <message>
        <source>Split a unit along a line…</source>
        <translation>تقسيم وحدة على طول خط…</translation>
    </message>
    <message>
        <source>Set control of the selection…</source>
        <translation>تعيين السيطرة على التحديد…</translation>
    </message>
    <message>
        <source>Merge the selected units…</source>
        <translation>دمج الوحدات المحددة…</translation>
    </message>
    <message>
        <source>Add event…</source>
        <translation>إضافة حدث…</translation>
    </message>
    <message>
        <source>Edit the current event…</source>
        <translation>تحرير الحدث الحالي…</translation>
    </message>
    <message>
        <source>Delete the current event…</source>
        <translation>حذف الحدث الحالي…</translation>
    </message>
    <message>
        <source>Clear the selection</source>
        <translation>مسح التحديد</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>حفظ</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>حفظ باسم…</translation>
    </message>
    <message>
        <source>New scenario from areas…</source>
        <translation>سيناريو جديد من مناطق…</translation>
    </message>
    <message>
        <source>Your name for the change log…</source>
        <translation>اسمك في سجل التغييرات…</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>اسمك</translation>
    </message>
    <message>
        <source>Who makes these edits (kept in the change log):</source>
        <translation>من يجري هذه التعديلات (يُحفظ في سجل التغييرات):</translation>
    </message>
    <message>
        <source>Edit refused</source>
        <translation>رُفض التعديل</translation>
    </message>
    <message>
        <source>Split: click the line&apos;s points across one unit, double-click to cut (Esc: cancel)</source>
        <translation>التقسيم: انقر نقاط الخط عبر وحدة واحدة، وانقر نقرًا مزدوجًا للقطع (Esc: إلغاء)</translation>
    </message>
    <message>
        <source>Select area units first (Shift/Ctrl-click or the Select tool)</source>
        <translation>حدّد وحدات المساحة أولًا (Shift/Ctrl مع النقر أو أداة التحديد)</translation>
    </message>
    <message>
        <source>No event at or before the current day</source>
        <translation>لا حدث في اليوم الحالي أو قبله</translation>
    </message>
    <message>
        <source>Click the event&apos;s place on the map</source>
        <translation>انقر مكان الحدث على الخريطة</translation>
    </message>
    <message>
        <source>Delete event</source>
        <translation>حذف حدث</translation>
    </message>
    <message>
        <source>Draw the line across exactly one unit, from edge to edge</source>
        <translation>ارسم الخط عبر وحدة واحدة تمامًا، من حافة إلى حافة</translation>
    </message>
    <message>
        <source>Split {name} into {count} units (west to east)</source>
        <translation>تقسيم {name} إلى {count} وحدات (من الغرب إلى الشرق)</translation>
    </message>
    <message>
        <source>Select two or more neighbouring units to merge</source>
        <translation>حدّد وحدتين متجاورتين أو أكثر لدمجها</translation>
    </message>
    <message>
        <source>Merge {count} units</source>
        <translation>دمج {count} وحدات</translation>
    </message>
    <message>
        <source>Cannot save</source>
        <translation>تعذّر الحفظ</translation>
    </message>
    <message>
        <source>Saved to {folder}</source>
        <translation>حُفظ في {folder}</translation>
    </message>
    <message>
        <source>Save scenario into folder</source>
        <translation>حفظ السيناريو في مجلد</translation>
    </message>
    <message>
        <source>Restore unsaved work?</source>
        <translation>استعادة العمل غير المحفوظ؟</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>تغييرات غير محفوظة</translation>
    </message>
    <message>
        <source>The scenario has unsaved changes. Save them?</source>
        <translation>في السيناريو تغييرات غير محفوظة. هل تريد حفظها؟</translation>
    </message>
    <message>
        <source>Area polygons</source>
        <translation>مضلعات المناطق</translation>
    </message>
    <message>
        <source>Polygons (*.geojson *.json *.gpkg *.shp);;All files (*)</source>
        <translation>مضلعات (*.geojson *.json *.gpkg *.shp);;كل الملفات (*)</translation>
    </message>
    <message>
        <source>Folder for the new scenario</source>
        <translation>مجلد السيناريو الجديد</translation>
    </message>
    <message>
        <source>Gaps and overlaps</source>
        <translation>الفجوات والتداخلات</translation>
    </message>
    <message>
        <source>Snap gaps and overlaps into a partition if there are any?</source>
        <translation>هل تُسوّى الفجوات والتداخلات إلى تقسيم كامل إن وُجدت؟</translation>
    </message>
</context>
<context>
    <name>EditDialogs</name>
    <message>
        <source>why (kept in the scenario&apos;s change log)</source>
        <translation>السبب (يُحفظ في سجل تغييرات السيناريو)</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>السبب</translation>
    </message>
    <message>
        <source>Set control of {count} area unit(s)</source>
        <translation>تعيين السيطرة على {count} وحدة مساحة</translation>
    </message>
    <message>
        <source> and {count} more</source>
        <translation> و{count} أخرى</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>الوحدات</translation>
    </message>
    <message>
        <source>taken at some time before</source>
        <translation>سيطر عليها في وقت ما قبل</translation>
    </message>
    <message>
        <source>Holder</source>
        <translation>الجهة المسيطرة</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>درجة التأكد</translation>
    </message>
    <message>
        <source>From</source>
        <translation>من</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>المصدر</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>ملاحظة</translation>
    </message>
    <message>
        <source>Edit event</source>
        <translation>تحرير حدث</translation>
    </message>
    <message>
        <source>Add event</source>
        <translation>إضافة حدث</translation>
    </message>
    <message>
        <source>a chapter starts at this event (optional)</source>
        <translation>يبدأ فصل عند هذا الحدث (اختياري)</translation>
    </message>
    <message>
        <source>minor</source>
        <translation>ثانوي</translation>
    </message>
    <message>
        <source>major</source>
        <translation>رئيسي</translation>
    </message>
    <message>
        <source>none</source>
        <translation>لا شيء</translation>
    </message>
    <message>
        <source>the selected area units</source>
        <translation>وحدات المساحة المحددة</translation>
    </message>
    <message>
        <source>a point</source>
        <translation>نقطة</translation>
    </message>
    <message>
        <source>Pick on the map</source>
        <translation>اختر على الخريطة</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>المعرّف</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>التاريخ</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>النوع</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>العنوان</translation>
    </message>
    <message>
        <source>Summary (your words)</source>
        <translation>الملخص (بكلماتك)</translation>
    </message>
    <message>
        <source>Chapter</source>
        <translation>الفصل</translation>
    </message>
    <message>
        <source>Importance</source>
        <translation>الأهمية</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>الموقع</translation>
    </message>
    <message>
        <source>none selected</source>
        <translation>لا شيء محدد</translation>
    </message>
    <message>
        <source>Areas: {areas}</source>
        <translation>المناطق: {areas}</translation>
    </message>
    <message>
        <source>Unit {n} (id, English, Arabic)</source>
        <translation>الوحدة {n} (المعرّف، بالإنجليزية، بالعربية)</translation>
    </message>
    <message>
        <source>Source of the new boundary</source>
        <translation>مصدر الحد الجديد</translation>
    </message>
</context>
<context>
    <name>EventsPanel</name>
    <message>
        <source>day</source>
        <translation>يوم محدد</translation>
    </message>
    <message>
        <source>approximate</source>
        <translation>تقريبي</translation>
    </message>
    <message>
        <source>range</source>
        <translation>فترة</translation>
    </message>
    <message>
        <source>ground advance</source>
        <translation>تقدم بري</translation>
    </message>
    <message>
        <source>bombardment</source>
        <translation>قصف</translation>
    </message>
    <message>
        <source>siege</source>
        <translation>حصار</translation>
    </message>
    <message>
        <source>breach</source>
        <translation>اختراق</translation>
    </message>
    <message>
        <source>negotiation</source>
        <translation>تفاوض</translation>
    </message>
    <message>
        <source>evacuation</source>
        <translation>إجلاء</translation>
    </message>
    <message>
        <source>assessment (the brief&apos;s expectation)</source>
        <translation>تقدير (توقع الإحاطة)</translation>
    </message>
    <message>
        <source>political</source>
        <translation>سياسي</translation>
    </message>
    <message>
        <source>other</source>
        <translation>آخر</translation>
    </message>
    <message>
        <source>sources disagree</source>
        <translation>المصادر مختلفة</translation>
    </message>
    <message>
        <source>Chapter: {chapter}</source>
        <translation>الفصل: {chapter}</translation>
    </message>
    <message>
        <source>from the brief</source>
        <translation>من الإحاطة</translation>
    </message>
    <message>
        <source>after the brief</source>
        <translation>بعد الإحاطة</translation>
    </message>
    <message>
        <source>Where: {places} (outlined on the map)</source>
        <translation>المكان: {places} (محدد على الخريطة)</translation>
    </message>
    <message>
        <source>Where: {lat}° N, {lon}° E (ringed on the map)</source>
        <translation>المكان: {lat}° شمالًا، {lon}° شرقًا (محاط بدائرة على الخريطة)</translation>
    </message>
    <message>
        <source>Source:</source>
        <translation>المصدر:</translation>
    </message>
    <message>
        <source>The loaded brief has no paragraph {n}.</source>
        <translation>الإحاطة المحمّلة لا تحتوي الفقرة {n}.</translation>
    </message>
    <message>
        <source>File › Open brief… shows the paragraph itself.</source>
        <translation>ملف › فتح الإحاطة… يعرض الفقرة نفسها.</translation>
    </message>
</context>
<context>
    <name>GoToDateDialog</name>
    <message>
        <source>Go to date</source>
        <translation>الانتقال إلى تاريخ</translation>
    </message>
    <message>
        <source>Date ({start} – {end}), e.g. {examples}:</source>
        <translation>التاريخ ({start} – {end})، مثلًا {examples}:</translation>
    </message>
    <message>
        <source>&quot;13 Dec&quot;, &quot;2016-12-13&quot; or &quot;13/12&quot;</source>
        <translation>&quot;13 كانون الأول&quot; أو &quot;2016-12-13&quot; أو &quot;13/12&quot;</translation>
    </message>
</context>
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
    <name>LayersPanel</name>
    <message>
        <source>Auto (off the chapter&apos;s changes)</source>
        <translation>تلقائي (بعيدًا عن تغييرات الفصل)</translation>
    </message>
    <message>
        <source>Bottom left</source>
        <translation>أسفل اليسار</translation>
    </message>
    <message>
        <source>Bottom right</source>
        <translation>أسفل اليمين</translation>
    </message>
    <message>
        <source>Top left</source>
        <translation>أعلى اليسار</translation>
    </message>
    <message>
        <source>Top right</source>
        <translation>أعلى اليمين</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>الطبقات</translation>
    </message>
    <message>
        <source>Neighbourhood names (English / Arabic)</source>
        <translation>أسماء الأحياء (بالإنجليزية / بالعربية)</translation>
    </message>
    <message>
        <source>Palette</source>
        <translation>لوحة الألوان</translation>
    </message>
    <message>
        <source>On the map</source>
        <translation>على الخريطة</translation>
    </message>
    <message>
        <source>Legend (click it to fold, drag it to move)</source>
        <translation>مفتاح الخريطة (انقر لطيّه، واسحب لتحريكه)</translation>
    </message>
    <message>
        <source>Where the legend goes</source>
        <translation>موضع مفتاح الخريطة</translation>
    </message>
    <message>
        <source>Inset locating the view when zoomed in</source>
        <translation>خريطة مصغّرة تحدد موضع العرض عند التكبير</translation>
    </message>
    <message>
        <source>Factions</source>
        <translation>الأطراف</translation>
    </message>
    <message>
        <source> (schematic)</source>
        <translation> (تخطيطي)</translation>
    </message>
    <message>
        <source>(this scenario has no basemap layers)</source>
        <translation>(لا يحتوي هذا السيناريو على طبقات خريطة أساس)</translation>
    </message>
    <message>
        <source>Solid: confirmed · hatched: claimed · cross-hatched: contested</source>
        <translation>مصمت: مؤكد · مخطط: مُدّعى · مخطط متقاطع: متنازع عليه</translation>
    </message>
    <message>
        <source> · dotted: uncertain (taken on an unknown day within a window)</source>
        <translation> · منقّط: غير مؤكد (سيطر عليها في يوم غير معروف ضمن فترة)</translation>
    </message>
    <message>
        <source>Dashed lines and hollow markers are schematic (not surveyed).</source>
        <translation>الخطوط المتقطعة والعلامات المفرغة تخطيطية (غير ممسوحة).</translation>
    </message>
    <message>
        <source>Cannot show layer</source>
        <translation>تعذّر عرض الطبقة</translation>
    </message>
    <message>
        <source>The layer {title} could not be read ({count} problem(s)).</source>
        <translation>تعذّرت قراءة الطبقة {title} (عدد المشكلات: {count}).</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Computing the figures…</source>
        <translation>جارٍ حساب الأرقام…</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>الأحداث</translation>
    </message>
    <message>
        <source>Faction strength</source>
        <translation>قوة الأطراف</translation>
    </message>
    <message>
        <source>Claims check</source>
        <translation>التحقق من الادعاءات</translation>
    </message>
    <message>
        <source>Layers and legend</source>
        <translation>الطبقات ومفتاح الخريطة</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>تشغيل</translation>
    </message>
    <message>
        <source>Play backwards</source>
        <translation>تشغيل عكسي</translation>
    </message>
    <message>
        <source>Back one day</source>
        <translation>يوم إلى الوراء</translation>
    </message>
    <message>
        <source>Forward one day</source>
        <translation>يوم إلى الأمام</translation>
    </message>
    <message>
        <source>Previous event</source>
        <translation>الحدث السابق</translation>
    </message>
    <message>
        <source>Next event</source>
        <translation>الحدث التالي</translation>
    </message>
    <message>
        <source>Previous chapter</source>
        <translation>الفصل السابق</translation>
    </message>
    <message>
        <source>Next chapter</source>
        <translation>الفصل التالي</translation>
    </message>
    <message>
        <source>Go to start</source>
        <translation>الانتقال إلى البداية</translation>
    </message>
    <message>
        <source>Go to date…</source>
        <translation>الانتقال إلى تاريخ…</translation>
    </message>
    <message>
        <source>Go to end</source>
        <translation>الانتقال إلى النهاية</translation>
    </message>
    <message>
        <source>Faster</source>
        <translation>أسرع</translation>
    </message>
    <message>
        <source>Slower</source>
        <translation>أبطأ</translation>
    </message>
    <message>
        <source>Presentation mode</source>
        <translation>وضع العرض التقديمي</translation>
    </message>
    <message>
        <source>Leave presentation mode</source>
        <translation>الخروج من وضع العرض التقديمي</translation>
    </message>
    <message>
        <source>Black out the screen</source>
        <translation>تعتيم الشاشة</translation>
    </message>
    <message>
        <source>Event caption on the map</source>
        <translation>تعليق الحدث على الخريطة</translation>
    </message>
    <message>
        <source>Outline what changed</source>
        <translation>تحديد ما تغيّر</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>تكبير</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>تصغير</translation>
    </message>
    <message>
        <source>Fit to city</source>
        <translation>ملاءمة المدينة</translation>
    </message>
    <message>
        <source>Open scenario…</source>
        <translation>فتح سيناريو…</translation>
    </message>
    <message>
        <source>Open brief…</source>
        <translation>فتح الإحاطة…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>خروج</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;ملف</translation>
    </message>
    <message>
        <source>Open recent</source>
        <translation>فتح ملف حديث</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;عرض</translation>
    </message>
    <message>
        <source>&amp;Playback</source>
        <translation>ال&amp;تشغيل</translation>
    </message>
    <message>
        <source>At the end</source>
        <translation>عند النهاية</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>توقف</translation>
    </message>
    <message>
        <source>Loop</source>
        <translation>كرّر</translation>
    </message>
    <message>
        <source>Back and forth</source>
        <translation>ذهابًا وإيابًا</translation>
    </message>
    <message>
        <source>Cannot open scenario</source>
        <translation>تعذّر فتح السيناريو</translation>
    </message>
    <message>
        <source>{title} stays open.</source>
        <translation>يبقى {title} مفتوحًا.</translation>
    </message>
    <message>
        <source>{path} could not be loaded ({count} problem(s)).</source>
        <translation>تعذّر تحميل {path} (عدد المشكلات: {count}).</translation>
    </message>
    <message>
        <source>… and {count} more</source>
        <translation>… و{count} أخرى</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;تحرير</translation>
    </message>
    <message>
        <source>Open scenario</source>
        <translation>فتح سيناريو</translation>
    </message>
    <message>
        <source>Scenario (scenario.json *.json);;All files (*)</source>
        <translation>سيناريو (scenario.json *.json);;كل الملفات (*)</translation>
    </message>
    <message>
        <source>Open a copy of the brief</source>
        <translation>فتح نسخة من الإحاطة</translation>
    </message>
    <message>
        <source>Text or Markdown (*.txt *.md);;All files (*)</source>
        <translation>نص أو Markdown (*.txt *.md);;كل الملفات (*)</translation>
    </message>
    <message>
        <source>Cannot open the brief</source>
        <translation>تعذّر فتح الإحاطة</translation>
    </message>
    <message>
        <source>Brief loaded: {count} paragraphs from {name}</source>
        <translation>تم تحميل الإحاطة: {count} فقرة من {name}</translation>
    </message>
</context>
<context>
    <name>MapView</name>
    <message>
        <source>Map</source>
        <translation>الخريطة</translation>
    </message>
    <message>
        <source>source: {source}</source>
        <translation>المصدر: {source}</translation>
    </message>
    <message>
        <source>until {date}</source>
        <translation>حتى {date}</translation>
    </message>
</context>
<context>
    <name>PresenterView</name>
    <message>
        <source>Presenter view — aleppo-desktop</source>
        <translation>عرض المقدّم — aleppo-desktop</translation>
    </message>
    <message>
        <source>NOW</source>
        <translation>الآن</translation>
    </message>
    <message>
        <source>NOTES</source>
        <translation>ملاحظات</translation>
    </message>
    <message>
        <source>CLOCK</source>
        <translation>الساعة</translation>
    </message>
    <message>
        <source>PRESENTING FOR</source>
        <translation>مدة العرض</translation>
    </message>
    <message>
        <source>NEXT</source>
        <translation>التالي</translation>
    </message>
    <message>
        <source>The end</source>
        <translation>النهاية</translation>
    </message>
    <message>
        <source>{n} of {count} that day</source>
        <translation>{n} من {count} في ذلك اليوم</translation>
    </message>
</context>
<context>
    <name>StrengthPanel</name>
    <message>
        <source>held</source>
        <translation>المساحة المسيطر عليها</translation>
    </message>
    <message>
        <source>territory</source>
        <translation>الأراضي</translation>
    </message>
    <message>
        <source>front line</source>
        <translation>خط الجبهة</translation>
    </message>
    <message>
        <source>who</source>
        <translation>الجهة</translation>
    </message>
    <message>
        <source>date</source>
        <translation>التاريخ</translation>
    </message>
    <message>
        <source>fighters</source>
        <translation>المقاتلون</translation>
    </message>
    <message>
        <source>scope</source>
        <translation>النطاق</translation>
    </message>
    <message>
        <source>source</source>
        <translation>المصدر</translation>
    </message>
    <message>
        <source>(reported by {who})</source>
        <translation>(بحسب {who})</translation>
    </message>
    <message>
        <source>{count} fighters</source>
        <translation>{count} مقاتل</translation>
    </message>
    <message>
        <source>Aleppo city</source>
        <translation>مدينة حلب</translation>
    </message>
    <message>
        <source>Syria</source>
        <translation>سوريا</translation>
    </message>
    <message>
        <source>% of {date}</source>
        <translation>% مما في {date}</translation>
    </message>
    <message>
        <source>whole map:</source>
        <translation>الخريطة كلها:</translation>
    </message>
    <message>
        <source>{km2} km²</source>
        <translation>{km2} كم²</translation>
    </message>
    <message>
        <source>front {km} km</source>
        <translation>الجبهة {km} كم</translation>
    </message>
    <message>
        <source>{share}% of its {date} extent</source>
        <translation>{share}% من امتدادها في {date}</translation>
    </message>
    <message>
        <source>{faction} hold {km2}</source>
        <translation>{faction} تسيطر على {km2}</translation>
    </message>
    <message>
        <source>, </source>
        <translation>، </translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>Unexpected error</source>
        <translation>خطأ غير متوقع</translation>
    </message>
    <message>
        <source>Something went wrong: {error}
The app keeps running.</source>
        <translation>حدث خطأ: {error}
يستمر التطبيق في العمل.</translation>
    </message>
</context>
<context>
    <name>argparse</name>
    <message>
        <source>usage: </source>
        <translation>الاستخدام: </translation>
    </message>
    <message>
        <source>positional arguments</source>
        <translation>الوسائط الموضعية</translation>
    </message>
    <message>
        <source>options</source>
        <translation>الخيارات</translation>
    </message>
    <message>
        <source>show this help message and exit</source>
        <translation>عرض رسالة المساعدة هذه والخروج</translation>
    </message>
    <message>
        <source>show program&apos;s version number and exit</source>
        <translation>عرض رقم إصدار البرنامج والخروج</translation>
    </message>
    <message>
        <source>%(prog)s: error: %(message)s
</source>
        <translation>%(prog)s: خطأ: %(message)s
</translation>
    </message>
    <message>
        <source>the following arguments are required: %s</source>
        <translation>الوسائط التالية مطلوبة: %s</translation>
    </message>
    <message>
        <source>unrecognized arguments: %s</source>
        <translation>وسائط غير معروفة: %s</translation>
    </message>
    <message>
        <source>argument %(argument_name)s: %(message)s</source>
        <translation>الوسيط %(argument_name)s: %(message)s</translation>
    </message>
    <message>
        <source>invalid choice: %(value)r (choose from %(choices)s)</source>
        <translation>اختيار غير صالح: %(value)r (اختر من %(choices)s)</translation>
    </message>
    <message>
        <source>invalid %(type)s value: %(value)r</source>
        <translation>قيمة %(type)s غير صالحة: %(value)r</translation>
    </message>
    <message>
        <source>expected one argument</source>
        <translation>يُنتظر وسيط واحد</translation>
    </message>
    <message>
        <source>expected at most one argument</source>
        <translation>يُنتظر وسيط واحد على الأكثر</translation>
    </message>
    <message>
        <source>expected at least one argument</source>
        <translation>يُنتظر وسيط واحد على الأقل</translation>
    </message>
    <message>
        <source>expected %s argument</source>
        <translation>يُنتظر %s وسيط</translation>
    </message>
    <message>
        <source>expected %s arguments</source>
        <translation>يُنتظر %s وسائط</translation>
    </message>
    <message>
        <source>ambiguous option: %(option)s could match %(matches)s</source>
        <translation>خيار ملتبس: %(option)s قد يطابق %(matches)s</translation>
    </message>
    <message>
        <source>one of the arguments %s is required</source>
        <translation>أحد الوسائط %s مطلوب</translation>
    </message>
    <message>
        <source>not allowed with argument %s</source>
        <translation>غير مسموح به مع الوسيط %s</translation>
    </message>
    <message>
        <source>ignored explicit argument %r</source>
        <translation>تم تجاهل الوسيط الصريح %r</translation>
    </message>
    <message>
        <source>unexpected option string: %s</source>
        <translation>سلسلة خيار غير متوقعة: %s</translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message>
        <source>claim</source>
        <translation>الادعاء</translation>
    </message>
    <message>
        <source>source</source>
        <translation>المصدر</translation>
    </message>
    <message>
        <source>scope</source>
        <translation>النطاق</translation>
    </message>
    <message>
        <source>claimed</source>
        <translation>المُدّعى</translation>
    </message>
    <message>
        <source>computed</source>
        <translation>المحسوب</translation>
    </message>
    <message>
        <source>diff</source>
        <translation>الفرق</translation>
    </message>
    <message>
        <source>holds</source>
        <translation>يصح</translation>
    </message>
    <message>
        <source>{path}: valid ({areas} area units, {rows} control rows, {events} events, {claims} claims)</source>
        <translation>{path}: صالح ({areas} وحدة مساحة، {rows} سطر سيطرة، {events} حدث، {claims} ادعاء)</translation>
    </message>
    <message>
        <source>period      {start} .. {end} ({zone})</source>
        <translation>الفترة      {start} .. {end} ({zone})</translation>
    </message>
    <message>
        <source>counts      {areas} area units, {rows} control rows, {events} events ({chapters} chapters), {strength} strength estimates, {claims} claims</source>
        <translation>الأعداد     {areas} وحدة مساحة، {rows} صف سيطرة، {events} حدثاً ({chapters} فصول)، {strength} تقديرات قوة، {claims} ادعاءات</translation>
    </message>
    <message>
        <source>sources     {ids}</source>
        <translation>المصادر     {ids}</translation>
    </message>
    <message>
        <source>faction</source>
        <translation>الطرف</translation>
    </message>
    <message>
        <source>name</source>
        <translation>الاسم</translation>
    </message>
    <message>
        <source>km² start</source>
        <translation>كم² بداية</translation>
    </message>
    <message>
        <source>km² end</source>
        <translation>كم² نهاية</translation>
    </message>
    <message>
        <source>region {id} — {name}: {km2} km², {count} area units</source>
        <translation>المنطقة {id} — {name}: {km2} كم²، {count} وحدة مساحة</translation>
    </message>
    <message>
        <source>% of start</source>
        <translation>% من البداية</translation>
    </message>
    <message>
        <source>  front line {start} km at the start, {end} km at the end</source>
        <translation>  خط الجبهة {start} كم في البداية، و{end} كم في النهاية</translation>
    </message>
    <message>
        <source>confidence</source>
        <translation>الثقة</translation>
    </message>
    <message>
        <source>km²</source>
        <translation>كم²</translation>
    </message>
    <message>
        <source>front line {km} km</source>
        <translation>خط الجبهة {km} كم</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>نعم</translation>
    </message>
    <message>
        <source>NO</source>
        <translation>لا</translation>
    </message>
    <message>
        <source>sum of the midpoints of {components}</source>
        <translation>مجموع منتصفات {components}</translation>
    </message>
    <message>
        <source>{km2} km² on {date}</source>
        <translation>{km2} كم² في {date}</translation>
    </message>
    <message>
        <source>{faction} held {end}</source>
        <translation>سيطر {faction} على {end}</translation>
    </message>
    <message>
        <source>{faction} held {start}, {end}: {change} km²</source>
        <translation>سيطر {faction} على {start}، و{end}: {change} كم²</translation>
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
        <source>a new scenario from your own area polygons</source>
        <translation>سيناريو جديد من مضلعات مناطقك</translation>
    </message>
    <message>
        <source>polygons: GeoJSON (WGS84), GeoPackage or Shapefile</source>
        <translation>المضلعات: GeoJSON (WGS84) أو GeoPackage أو Shapefile</translation>
    </message>
    <message>
        <source>the new scenario&apos;s folder</source>
        <translation>مجلد السيناريو الجديد</translation>
    </message>
    <message>
        <source>make gaps and overlaps a partition (overlaps to the first unit, gaps to a neighbour)</source>
        <translation>تحويل الفجوات والتداخلات إلى تقسيم (التداخلات للوحدة الأولى، والفجوات لوحدة مجاورة)</translation>
    </message>
    <message>
        <source>the scenario&apos;s title (default: the file&apos;s name)</source>
        <translation>عنوان السيناريو (الافتراضي: اسم الملف)</translation>
    </message>
    <message>
        <source>period start (default: 1 Jan this year)</source>
        <translation>بداية الفترة (الافتراضي: 1 كانون الثاني من هذا العام)</translation>
    </message>
    <message>
        <source>period end (default: 31 Dec this year)</source>
        <translation>نهاية الفترة (الافتراضي: 31 كانون الأول من هذا العام)</translation>
    </message>
    <message>
        <source>take the factions of this scenario (default: bundled)</source>
        <translation>أخذ أطراف هذا السيناريو (الافتراضي: المرفق)</translation>
    </message>
    <message>
        <source>{path}: written; every unit starts &apos;unassessed&apos;</source>
        <translation>{path}: كُتب؛ تبدأ كل وحدة بالقيمة &apos;unassessed&apos; (غير مُقيَّمة)</translation>
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
    <message>
        <source>a basemap to package over the map&apos;s extent: vector files and OSM extracts as feature tables (EPSG:4326), tiles as they are, GeoTIFFs as the map shows them (tile pyramids); repeat for more</source>
        <translation>خريطة أساس تُحزَم فوق امتداد الخريطة: الملفات المتجهة ومستخرجات OSM جداولَ معالم (EPSG:4326)، والبلاطات كما هي، وملفات GeoTIFF كما تعرضها الخريطة (أهرامات بلاطات)؛ كرّر الخيار لإضافة المزيد</translation>
    </message>
    <message>
        <source>a basemap added under the zones as a picture (GroundOverlay), written beside the KML; repeat for more</source>
        <translation>خريطة أساس تُضاف تحت المناطق صورةً (GroundOverlay) تُكتب بجانب ملف KML؛ كرّر الخيار لإضافة المزيد</translation>
    </message>
    <message>
        <source>a basemap added under the zones as a picture (GroundOverlay) inside the KMZ; repeat for more</source>
        <translation>خريطة أساس تُضاف تحت المناطق صورةً (GroundOverlay) داخل ملف KMZ؛ كرّر الخيار لإضافة المزيد</translation>
    </message>
    <message>
        <source>write a video, still, PDF handout or GIS file (headless)</source>
        <translation>كتابة فيديو أو صورة ثابتة أو نشرة PDF أو ملف GIS (بلا واجهة)</translation>
    </message>
    <message>
        <source>Export the scenario. Every format takes the scenario PATH (default: bundled).</source>
        <translation>تصدير السيناريو. كل صيغة تأخذ مسار السيناريو PATH (الافتراضي: المرفق).</translation>
    </message>
    <message>
        <source>H.264 MP4 animation (PowerPoint, VLC)</source>
        <translation>رسم متحرك H.264 MP4 (باوربوينت، VLC)</translation>
    </message>
    <message>
        <source>animated GIF</source>
        <translation>صورة GIF متحركة</translation>
    </message>
    <message>
        <source>still image of one instant</source>
        <translation>صورة ثابتة للحظة واحدة</translation>
    </message>
    <message>
        <source>briefing handout: title page, then a page per chapter or event</source>
        <translation>نشرة الإحاطة: صفحة عنوان، ثم صفحة لكل فصل أو حدث</translation>
    </message>
    <message>
        <source>GeoPackage: control zones (start/end) and events, EPSG:4326</source>
        <translation>GeoPackage: مناطق السيطرة (البداية/النهاية) والأحداث، EPSG:4326</translation>
    </message>
    <message>
        <source>control zones over the period with start/end</source>
        <translation>مناطق السيطرة على امتداد الفترة مع البداية/النهاية</translation>
    </message>
    <message>
        <source>Google Earth: zones with TimeSpan, events with TimeStamp</source>
        <translation>Google Earth: المناطق مع TimeSpan، والأحداث مع TimeStamp</translation>
    </message>
    <message>
        <source>zipped KML</source>
        <translation>ملف KML مضغوط</translation>
    </message>
    <message>
        <source>events table or the daily km² series</source>
        <translation>جدول الأحداث أو السلسلة اليومية للكم²</translation>
    </message>
    <message>
        <source>file to write</source>
        <translation>الملف المراد كتابته</translation>
    </message>
    <message>
        <source>no progress bar</source>
        <translation>بلا شريط تقدّم</translation>
    </message>
    <message>
        <source>720p, 1080p, 2160p or WxH</source>
        <translation>720p أو 1080p أو 2160p أو WxH</translation>
    </message>
    <message>
        <source>frames per second</source>
        <translation>إطارات في الثانية</translation>
    </message>
    <message>
        <source>days per second of video</source>
        <translation>أيام في كل ثانية من الفيديو</translation>
    </message>
    <message>
        <source>first day</source>
        <translation>اليوم الأول</translation>
    </message>
    <message>
        <source>last day</source>
        <translation>اليوم الأخير</translation>
    </message>
    <message>
        <source>pause</source>
        <translation>توقف</translation>
    </message>
    <message>
        <source>events, chapters or none</source>
        <translation>events (الأحداث) أو chapters (الفصول) أو none (لا شيء)</translation>
    </message>
    <message>
        <source>outline the ground gained, fading on each hold and as a trail while time runs (the window&apos;s View &gt; Outline what changed; off by default)</source>
        <translation>تحديد الأرض المكتسبة، تتلاشى عند كل توقف وتبقى أثراً أثناء جريان الوقت (عرض &gt; تحديد ما تغيّر في النافذة؛ معطّل افتراضياً)</translation>
    </message>
    <message>
        <source>quality, 0-51 (lower is better)</source>
        <translation>الجودة، 0-51 (الأقل أفضل)</translation>
    </message>
    <message>
        <source>x264 preset (ultrafast..medium)</source>
        <translation>إعداد x264 المسبق (ultrafast..medium)</translation>
    </message>
    <message>
        <source>the day (default: the period end)</source>
        <translation>اليوم (الافتراضي: نهاية الفترة)</translation>
    </message>
    <message>
        <source>no event caption</source>
        <translation>بلا تعليق الحدث</translation>
    </message>
    <message>
        <source>chapters, events or major (events)</source>
        <translation>chapters (الفصول) أو events (الأحداث) أو major (الأحداث الكبرى)</translation>
    </message>
    <message>
        <source>exactly these events, in date order</source>
        <translation>هذه الأحداث تحديداً، بترتيب التاريخ</translation>
    </message>
    <message>
        <source>a4 or letter (landscape)</source>
        <translation>a4 أو letter (أفقي)</translation>
    </message>
    <message>
        <source>standard or cb (colour-blind)</source>
        <translation>standard (قياسي) أو cb (لعمى الألوان)</translation>
    </message>
    <message>
        <source>standard or high_contrast</source>
        <translation>standard (قياسي) أو high_contrast (تباين عالٍ)</translation>
    </message>
    <message>
        <source>auto (the corner covering least of the chapter&apos;s changing ground), bottom-left, bottom-right, top-left, top-right, or none</source>
        <translation>auto (الزاوية التي تغطي أقل ما يمكن من الأرض المتغيرة في الفصل) أو bottom-left أو bottom-right أو top-left أو top-right أو none</translation>
    </message>
    <message>
        <source>no inset locating a zoomed-in view</source>
        <translation>بلا خريطة مصغّرة تحدد موضع العرض المكبّر</translation>
    </message>
    <message>
        <source>events or series (daily km² and front, whole map then per region)</source>
        <translation>events (الأحداث) أو series (الكم² والجبهة يومياً، للخريطة كلها ثم لكل منطقة)</translation>
    </message>
    <message>
        <source>-o: {out} is a folder; give a file name such as {example}</source>
        <translation>-o: {out} مجلد؛ أعطِ اسم ملف مثل {example}</translation>
    </message>
    <message>
        <source>-o: folder {folder} does not exist</source>
        <translation>-o: المجلد {folder} غير موجود</translation>
    </message>
    <message>
        <source>interrupted; nothing was written</source>
        <translation>قوطع التصدير؛ لم يُكتب شيء</translation>
    </message>
    <message>
        <source>wrote {path} ({size} KiB{summary})</source>
        <translation>كُتب {path} ({size} ك.ب{summary})</translation>
    </message>
    <message>
        <source>--basemap: a {format} file holds no map; basemaps go into {formats}</source>
        <translation>--basemap: ملف {format} لا يحمل خريطة؛ خرائط الأساس تدخل في {formats}</translation>
    </message>
    <message>
        <source>basemaps: {count}</source>
        <translation>خرائط الأساس: {count}</translation>
    </message>
    <message>
        <source>basemap tables: {tables}</source>
        <translation>جداول خرائط الأساس: {tables}</translation>
    </message>
    <message>
        <source>--to must be after --from</source>
        <translation>يجب أن يكون ‎--to بعد ‎--from</translation>
    </message>
    <message>
        <source>--size: video needs even sizes, not {size}</source>
        <translation>--size: يحتاج الفيديو إلى أبعاد زوجية، لا {size}</translation>
    </message>
    <message>
        <source>--crf must be between 0 and 51</source>
        <translation>يجب أن تكون قيمة ‎--crf بين 0 و51</translation>
    </message>
    <message>
        <source>{frames} frames, {seconds} s at {fps} fps</source>
        <translation>{frames} إطاراً، {seconds} ث بمعدل {fps} إطاراً/ث</translation>
    </message>
    <message>
        <source>title page(s) and {count} map pages</source>
        <translation>صفحة العنوان و{count} صفحة خرائط</translation>
    </message>
    <message>
        <source>scenario.json or its folder (default: the bundled Aleppo 2016)</source>
        <translation>ملف scenario.json أو مجلده (الافتراضي: حلب 2016 المرفق)</translation>
    </message>
    <message>
        <source>a basemap to draw under the zones (MBTiles, PMTiles, tile folder, GeoPackage, GeoTIFF, GeoJSON/Shapefile/KML/FlatGeobuf, .osm.pbf); repeat for more, the last on top</source>
        <translation>خريطة أساس تُرسم تحت المناطق (MBTiles أو PMTiles أو مجلد بلاطات أو GeoPackage أو GeoTIFF أو GeoJSON/Shapefile/KML/FlatGeobuf أو ‎.osm.pbf)؛ كرّر الخيار لإضافة المزيد، والأخيرة في الأعلى</translation>
    </message>
    <message>
        <source>basemap skipped: {message}</source>
        <translation>تُركت خريطة أساس: {message}</translation>
    </message>
    <message>
        <source>{option}: {day} is outside the period {start}..{end}</source>
        <translation>{option}: {day} خارج الفترة {start}..{end}</translation>
    </message>
    <message>
        <source>{option}: {value} is not one of {choices}</source>
        <translation>{option}: {value} ليست من {choices}</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>cannot read: {reason}</source>
        <translation>تتعذر القراءة: {reason}</translation>
    </message>
    <message>
        <source>cannot be read: {reason}</source>
        <translation>لا يمكن قراءته: {reason}</translation>
    </message>
    <message>
        <source>not enough memory to read this file</source>
        <translation>لا تكفي الذاكرة لقراءة هذا الملف</translation>
    </message>
    <message>
        <source>nested too deeply</source>
        <translation>متداخل بعمق زائد</translation>
    </message>
    <message>
        <source>not UTF-8 text</source>
        <translation>ليس نصاً بترميز UTF-8</translation>
    </message>
    <message>
        <source>file is empty</source>
        <translation>الملف فارغ</translation>
    </message>
    <message>
        <source>malformed JSON: {reason}</source>
        <translation>JSON غير سليم: {reason}</translation>
    </message>
    <message>
        <source>the file holds only `null`, not a JSON object</source>
        <translation>لا يحوي الملف سوى `null`، وليس كائن JSON</translation>
    </message>
    <message>
        <source>too many JSON arrays and objects ({count}; the limit is {limit})</source>
        <translation>عدد مصفوفات JSON وكائناته كبير جداً ({count}؛ الحد {limit})</translation>
    </message>
    <message>
        <source>not a regular file ({kind})</source>
        <translation>ليس ملفاً عادياً ({kind})</translation>
    </message>
    <message>
        <source>file is too large ({size} MB; the limit is {limit} MB)</source>
        <translation>الملف كبير جداً ({size} ميغابايت؛ الحد {limit} ميغابايت)</translation>
    </message>
    <message>
        <source>line {line} column {column}</source>
        <translation>السطر {line} العمود {column}</translation>
    </message>
    <message>
        <source>line {line}</source>
        <translation>السطر {line}</translation>
    </message>
    <message>
        <source>{problem} (and {count} more)</source>
        <translation>{problem} (و{count} مشكلات أخرى)</translation>
    </message>
    <message>
        <source>invalid scenario</source>
        <translation>سيناريو غير صالح</translation>
    </message>
    <message>
        <source>unknown area {area}</source>
        <translation>منطقة غير معروفة {area}</translation>
    </message>
    <message>
        <source>area {area} has no control rows</source>
        <translation>المنطقة {area} بلا صفوف سيطرة</translation>
    </message>
    <message>
        <source>area {area} has no holder on the period start {start} (first row {day})</source>
        <translation>المنطقة {area} بلا جهة مسيطرة في بداية الفترة {start} (أول صف {day})</translation>
    </message>
    <message>
        <source>area id {area} is used more than once</source>
        <translation>معرّف المنطقة {area} مستخدم أكثر من مرة</translation>
    </message>
    <message>
        <source>gap of {m2} m² between area units near {place}</source>
        <translation>فجوة مساحتها {m2} م² بين وحدات المساحة قرب {place}</translation>
    </message>
    <message>
        <source>must be a Polygon or MultiPolygon, not {kind}</source>
        <translation>يجب أن يكون Polygon أو MultiPolygon، لا {kind}</translation>
    </message>
    <message>
        <source>missing geometry</source>
        <translation>الهندسة مفقودة</translation>
    </message>
    <message>
        <source>missing properties</source>
        <translation>الخصائص مفقودة</translation>
    </message>
    <message>
        <source>bad coordinates</source>
        <translation>إحداثيات غير صالحة</translation>
    </message>
    <message>
        <source>no area units</source>
        <translation>لا وحدات مساحة</translation>
    </message>
    <message>
        <source>not a GeoJSON FeatureCollection</source>
        <translation>ليس مجموعة معالم GeoJSON (FeatureCollection)</translation>
    </message>
    <message>
        <source>area units cannot be projected to the map</source>
        <translation>لا يمكن إسقاط وحدات المساحة على الخريطة</translation>
    </message>
    <message>
        <source>{path} must be relative to the scenario folder</source>
        <translation>يجب أن يكون {path} نسبياً إلى مجلد السيناريو</translation>
    </message>
    <message>
        <source>{path} leads outside the scenario folder ({target})</source>
        <translation>{path} يقود إلى خارج مجلد السيناريو ({target})</translation>
    </message>
    <message>
        <source>unreadable geometry: {reason}</source>
        <translation>هندسة غير مقروءة: {reason}</translation>
    </message>
    <message>
        <source>header lacks column(s) {columns}</source>
        <translation>يفتقد سطر العناوين العمود/الأعمدة {columns}</translation>
    </message>
    <message>
        <source>unknown column(s) {columns}</source>
        <translation>عمود/أعمدة غير معروفة {columns}</translation>
    </message>
    <message>
        <source>no control rows</source>
        <translation>لا صفوف سيطرة</translation>
    </message>
    <message>
        <source>more fields than the header has</source>
        <translation>حقول أكثر مما في سطر العناوين</translation>
    </message>
    <message>
        <source>confidence {value} is not one of {choices}</source>
        <translation>الثقة {value} ليست من {choices}</translation>
    </message>
    <message>
        <source>malformed CSV: {reason}</source>
        <translation>CSV غير سليم: {reason}</translation>
    </message>
    <message>
        <source>polygons are read from GeoJSON, GeoPackage or Shapefile files</source>
        <translation>تُقرأ المضلعات من ملفات GeoJSON أو GeoPackage أو Shapefile</translation>
    </message>
    <message>
        <source>cannot read GeoJSON: {reason}</source>
        <translation>تتعذر قراءة GeoJSON: {reason}</translation>
    </message>
    <message>
        <source>not a GeoJSON FeatureCollection of polygons</source>
        <translation>ليس مجموعة معالم GeoJSON ‏(FeatureCollection) من المضلعات</translation>
    </message>
    <message>
        <source>unreadable: {reason}</source>
        <translation>غير مقروء: {reason}</translation>
    </message>
    <message>
        <source>not a polygon: {kind}</source>
        <translation>ليس مضلعاً: {kind}</translation>
    </message>
    <message>
        <source>no polygon layer</source>
        <translation>لا طبقة مضلعات</translation>
    </message>
    <message>
        <source>the layer declares no CRS (.prj / SRS)</source>
        <translation>لا تذكر الطبقة نظام إحداثياتها (‎.prj / SRS)</translation>
    </message>
    <message>
        <source>feature {number}</source>
        <translation>المعلم {number}</translation>
    </message>
    <message>
        <source>already holds a scenario: choose a new folder</source>
        <translation>فيه سيناريو من قبل: اختر مجلداً جديداً</translation>
    </message>
    <message>
        <source>overlap: {first} and {second} overlap by {m2} m²</source>
        <translation>تداخل: تتداخل {first} و{second} بمساحة {m2} م²</translation>
    </message>
    <message>
        <source>gap: {m2} m² near lon {lon}, lat {lat}</source>
        <translation>فجوة: {m2} م² قرب خط الطول {lon}، خط العرض {lat}</translation>
    </message>
    <message>
        <source>run with --snap to make them a partition</source>
        <translation>شغّل الأمر مع ‎--snap لتصير تقسيماً بلا فجوات ولا تداخلات</translation>
    </message>
    <message>
        <source>{count} area units read</source>
        <translation>قُرئت {count} من وحدات المساحة</translation>
    </message>
    <message>
        <source>snapped: overlaps given to the first unit, gaps to the longest neighbour</source>
        <translation>ضُبطت: أُعطيت التداخلات للوحدة الأولى والفجوات للجار ذي الحد المشترك الأطول</translation>
    </message>
    <message>
        <source>not a date (YYYY-MM-DD): {text}</source>
        <translation>ليس تاريخاً (YYYY-MM-DD): {text}</translation>
    </message>
    <message>
        <source>area {first} overlaps {second} by {m2} m²</source>
        <translation>المنطقة {first} تتداخل مع {second} بمساحة {m2} م²</translation>
    </message>
    <message>
        <source>area {first} and {second} are the same polygon</source>
        <translation>المنطقتان {first} و{second} مضلع واحد</translation>
    </message>
    <message>
        <source>area {inner} lies inside {outer}</source>
        <translation>المنطقة {inner} تقع داخل {outer}</translation>
    </message>
    <message>
        <source>and possibly more overlaps (the check stops here)</source>
        <translation>وربما تداخلات أخرى (يتوقف الفحص هنا)</translation>
    </message>
    <message>
        <source>area units touch or overlap {count} others; they do not tile the map (area units must not overlap)</source>
        <translation>وحدات المساحة تلامس أو تتداخل مع {count} غيرها؛ فهي لا تقسم الخريطة (يجب ألا تتداخل وحدات المساحة)</translation>
    </message>
    <message>
        <source>{count} area units; the limit is {limit}</source>
        <translation>{count} من وحدات المساحة؛ والحد {limit}</translation>
    </message>
    <message>
        <source>the area units have more than {limit} vertices (the limit)</source>
        <translation>لوحدات المساحة أكثر من {limit} رأس (الحد)</translation>
    </message>
    <message>
        <source>{value} is not an id (lower-case letters, digits, &apos;_&apos;, &apos;.&apos;, &apos;-&apos;)</source>
        <translation>{value} ليس معرّفاً (أحرف لاتينية صغيرة وأرقام و&apos;_&apos; و&apos;.&apos; و&apos;-&apos;)</translation>
    </message>
    <message>
        <source>coordinates must be finite numbers</source>
        <translation>يجب أن تكون الإحداثيات أعداداً منتهية</translation>
    </message>
    <message>
        <source>coordinates are not WGS84 [lon, lat]</source>
        <translation>الإحداثيات ليست WGS84 ‏[lon, lat]</translation>
    </message>
    <message>
        <source>missing text</source>
        <translation>النص مفقود</translation>
    </message>
    <message>
        <source>the path contains a NUL byte</source>
        <translation>المسار يحوي البايت NUL</translation>
    </message>
    <message>
        <source>{path} cannot be resolved: {reason}</source>
        <translation>يتعذر تحديد {path}: {reason}</translation>
    </message>
    <message>
        <source>basemap layer {layer} is not a GeoJSON FeatureCollection</source>
        <translation>طبقة الخريطة الأساسية {layer} ليست مجموعة معالم GeoJSON ‏(FeatureCollection)</translation>
    </message>
    <message>
        <source>basemap layer {layer} is not loaded</source>
        <translation>طبقة الخريطة الأساسية {layer} غير محمّلة</translation>
    </message>
    <message>
        <source>and {count} more bad geometries</source>
        <translation>و{count} أشكال هندسية معيبة أخرى</translation>
    </message>
    <message>
        <source>and {count} more bad points</source>
        <translation>و{count} نقاط معيبة أخرى</translation>
    </message>
    <message>
        <source>could not be loaded</source>
        <translation>تعذر التحميل</translation>
    </message>
    <message>
        <source>no features</source>
        <translation>لا معالم</translation>
    </message>
    <message>
        <source>missing {name}</source>
        <translation>{name} مفقود</translation>
    </message>
    <message>
        <source>{name} must be text, not {value}</source>
        <translation>يجب أن يكون {name} نصاً، لا {value}</translation>
    </message>
    <message>
        <source>until must be a date or empty, not {value}</source>
        <translation>يجب أن يكون until تاريخاً أو فارغاً، لا {value}</translation>
    </message>
    <message>
        <source>date: {reason}</source>
        <translation>التاريخ (date): {reason}</translation>
    </message>
    <message>
        <source>start: {reason}</source>
        <translation>البداية (start): {reason}</translation>
    </message>
    <message>
        <source>until: {reason}</source>
        <translation>حتى (until): {reason}</translation>
    </message>
    <message>
        <source>until {until} is not after {key} {day}: a window ({window}..until) spans at least one day</source>
        <translation>until {until} ليس بعد {key} {day}: النافذة ({window}..until) تمتد يوماً واحداً على الأقل</translation>
    </message>
    <message>
        <source>{name} is longer than {limit} characters</source>
        <translation>{name} أطول من {limit} حرف</translation>
    </message>
    <message>
        <source>{name} contains the control character {char} at position {position}</source>
        <translation>{name} يحوي حرف التحكم {char} في الموضع {position}</translation>
    </message>
    <message>
        <source>No such file or directory</source>
        <translation>لا يوجد ملف أو مجلد بهذا الاسم</translation>
    </message>
    <message>
        <source>Permission denied</source>
        <translation>الإذن مرفوض</translation>
    </message>
    <message>
        <source>Is a directory</source>
        <translation>هذا مجلد</translation>
    </message>
    <message>
        <source>Not a directory</source>
        <translation>ليس مجلداً</translation>
    </message>
    <message>
        <source>File name too long</source>
        <translation>اسم الملف طويل جداً</translation>
    </message>
    <message>
        <source>Expecting value</source>
        <translation>يُنتظر قيمة</translation>
    </message>
    <message>
        <source>a folder</source>
        <translation>مجلد</translation>
    </message>
    <message>
        <source>a FIFO</source>
        <translation>أنبوب FIFO</translation>
    </message>
    <message>
        <source>a character device</source>
        <translation>جهاز محارف</translation>
    </message>
    <message>
        <source>a block device</source>
        <translation>جهاز كتل</translation>
    </message>
    <message>
        <source>a socket</source>
        <translation>مقبس</translation>
    </message>
</context>
<context>
    <name>export_dialogs</name>
    <message>
        <source>each event</source>
        <translation>عند كل حدث</translation>
    </message>
    <message>
        <source>each chapter</source>
        <translation>عند كل فصل</translation>
    </message>
    <message>
        <source>no pause</source>
        <translation>دون توقف</translation>
    </message>
    <message>
        <source>as on the map</source>
        <translation>كما على الخريطة</translation>
    </message>
    <message>
        <source>off the chapter&apos;s changes</source>
        <translation>بعيدًا عن تغييرات الفصل</translation>
    </message>
    <message>
        <source>bottom left</source>
        <translation>أسفل اليسار</translation>
    </message>
    <message>
        <source>bottom right</source>
        <translation>أسفل اليمين</translation>
    </message>
    <message>
        <source>top left</source>
        <translation>أعلى اليسار</translation>
    </message>
    <message>
        <source>top right</source>
        <translation>أعلى اليمين</translation>
    </message>
    <message>
        <source>none</source>
        <translation>بلا</translation>
    </message>
    <message>
        <source>US Letter</source>
        <translation>رسالة أمريكية (Letter)</translation>
    </message>
    <message>
        <source>each chapter, opening and end</source>
        <translation>كل فصل، والبداية والنهاية</translation>
    </message>
    <message>
        <source>one per event</source>
        <translation>صفحة لكل حدث</translation>
    </message>
    <message>
        <source>major events</source>
        <translation>الأحداث الكبرى</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>ت&amp;صدير</translation>
    </message>
    <message>
        <source>&amp;Video (MP4)…</source>
        <translation>&amp;فيديو (MP4)…</translation>
    </message>
    <message>
        <source>Animated &amp;GIF…</source>
        <translation>صورة &amp;متحركة GIF…</translation>
    </message>
    <message>
        <source>Current view as &amp;PNG…</source>
        <translation>العرض الحالي كصورة &amp;PNG…</translation>
    </message>
    <message>
        <source>PDF &amp;handout…</source>
        <translation>&amp;نشرة PDF…</translation>
    </message>
    <message>
        <source>Geo&amp;Package (QGIS)…</source>
        <translation>&amp;حزمة GeoPackage (QGIS)…</translation>
    </message>
    <message>
        <source>Geo&amp;JSON…</source>
        <translation>م&amp;لف GeoJSON…</translation>
    </message>
    <message>
        <source>&amp;KML (Google Earth)…</source>
        <translation>ملف &amp;KML (Google Earth)…</translation>
    </message>
    <message>
        <source>KM&amp;Z (Google Earth)…</source>
        <translation>ملف KM&amp;Z (Google Earth)…</translation>
    </message>
    <message>
        <source>&amp;Events table (CSV)…</source>
        <translation>جدول ال&amp;أحداث (CSV)…</translation>
    </message>
    <message>
        <source>&amp;Daily km² series (CSV)…</source>
        <translation>سلسلة الكم² ال&amp;يومية (CSV)…</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>تصدير</translation>
    </message>
    <message>
        <source>Open a scenario first.</source>
        <translation>افتح سيناريو أولًا.</translation>
    </message>
    <message>
        <source>Writing {name}…</source>
        <translation>جارٍ كتابة {name}…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <source>Export cancelled; {name} was not written.</source>
        <translation>أُلغي التصدير؛ لم يُكتب {name}.</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>فشل التصدير</translation>
    </message>
    <message>
        <source>Exported {path}</source>
        <translation>تم التصدير إلى {path}</translation>
    </message>
    <message>
        <source>MP4 video</source>
        <translation>فيديو MP4</translation>
    </message>
    <message>
        <source>Export {kind}</source>
        <translation>تصدير {kind}</translation>
    </message>
    <message>
        <source>as on screen ({width} x {height})</source>
        <translation>كما على الشاشة ({width} × {height})</translation>
    </message>
    <message>
        <source>Export PNG</source>
        <translation>تصدير PNG</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>الحجم</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>صورة PNG (*.png)</translation>
    </message>
    <message>
        <source>Export PDF handout</source>
        <translation>تصدير نشرة PDF</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>الصفحات</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>الورق</translation>
    </message>
    <message>
        <source>Legend</source>
        <translation>مفتاح الخريطة</translation>
    </message>
    <message>
        <source>Export animated GIF</source>
        <translation>تصدير صورة متحركة GIF</translation>
    </message>
    <message>
        <source>Export video</source>
        <translation>تصدير فيديو</translation>
    </message>
    <message>
        <source>Frames per second</source>
        <translation>إطارات في الثانية</translation>
    </message>
    <message>
        <source> days/s</source>
        <translation> يوم/ث</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>السرعة</translation>
    </message>
    <message>
        <source>From</source>
        <translation>من</translation>
    </message>
    <message>
        <source>To</source>
        <translation>إلى</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>إيقاف مؤقت</translation>
    </message>
    <message>
        <source>Pause at</source>
        <translation>التوقف عند</translation>
    </message>
    <message>
        <source>the current view (otherwise the whole city)</source>
        <translation>العرض الحالي (وإلا فالمدينة كلها)</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>إظهار</translation>
    </message>
    <message>
        <source>outline the ground gained at each step</source>
        <translation>تحديد الأرض المكتسبة عند كل خطوة</translation>
    </message>
    <message>
        <source>What changed</source>
        <translation>ما الذي تغيّر</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>المدة</translation>
    </message>
    <message>
        <source>{seconds} s, {frames} frames</source>
        <translation>{seconds} ث، {frames} إطار</translation>
    </message>
</context>
<context>
    <name>help</name>
    <message>
        <source>Telling the story</source>
        <translation>رواية القصة</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>الزمن</translation>
    </message>
    <message>
        <source>Presenting</source>
        <translation>العرض التقديمي</translation>
    </message>
    <message>
        <source>The map</source>
        <translation>الخريطة</translation>
    </message>
    <message>
        <source>Files and help</source>
        <translation>الملفات والمساعدة</translation>
    </message>
    <message>
        <source>While presenting, the arrow keys step events as PgDn/PgUp do (presenter remotes send either), and the keys work from the presenter view too. Esc leaves presentation mode.</source>
        <translation>أثناء العرض التقديمي، تنتقل مفاتيح الأسهم بين الأحداث كما يفعل PgDn/PgUp (ترسل أجهزة التحكم عن بعد أيًّا منهما)، وتعمل المفاتيح من عرض المقدّم أيضًا. يخرج Esc من وضع العرض التقديمي.</translation>
    </message>
    <message>
        <source>Keyboard</source>
        <translation>لوحة المفاتيح</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>المفاتيح</translation>
    </message>
    <message>
        <source>Sources and licences</source>
        <translation>المصادر والتراخيص</translation>
    </message>
    <message>
        <source>Plays back the 2016 battle for Aleppo as an animated map: control zones over a basemap, the events of an analytic brief, faction strength and claims checks, and exports.</source>
        <translation>يعيد عرض معركة حلب عام 2016 على خريطة متحركة: مناطق السيطرة فوق خريطة أساس، وأحداث إحاطة تحليلية، وقوة الأطراف والتحقق من الادعاءات، والتصدير.</translation>
    </message>
    <message>
        <source>Offline: nothing is fetched from the network. Every figure is traced to its source (Help › Sources and licences).</source>
        <translation>دون اتصال: لا يُجلب شيء من الشبكة. كل رقم يُنسب إلى مصدره (مساعدة › المصادر والتراخيص).</translation>
    </message>
    <message>
        <source>Licence: MIT. Data and fonts: see their licences.</source>
        <translation>الترخيص: MIT. البيانات والخطوط: انظر تراخيصها.</translation>
    </message>
    <message>
        <source>About aleppo-desktop</source>
        <translation>حول aleppo-desktop</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>م&amp;ساعدة</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>اختصارات لوحة المفاتيح</translation>
    </message>
</context>
<context>
    <name>overlays</name>
    <message>
        <source>uncertain: taken on an unknown day</source>
        <translation>غير مؤكد: سيطر عليها في يوم غير معروف</translation>
    </message>
    <message>
        <source>Legend ▸</source>
        <translation>◂ مفتاح الخريطة</translation>
    </message>
    <message>
        <source>{layer} (disc: how many)</source>
        <translation>{layer} (القرص: العدد)</translation>
    </message>
    <message>
        <source>river</source>
        <translation>نهر</translation>
    </message>
    <message>
        <source>schematic (not surveyed)</source>
        <translation>تخطيطي (غير ممسوح)</translation>
    </message>
    <message>
        <source>Data: {title} scenario; control from the sources cited per area. Schematic features are dashed/hollow.</source>
        <translation>البيانات: سيناريو {title}؛ السيطرة من المصادر المذكورة لكل منطقة. المعالم التخطيطية متقطعة/مفرغة.</translation>
    </message>
    <message>
        <source>Source: {source}</source>
        <translation>المصدر: {source}</translation>
    </message>
    <message>
        <source>{length} km</source>
        <translation>{length} كم</translation>
    </message>
    <message>
        <source>{length} m</source>
        <translation>{length} م</translation>
    </message>
    <message>
        <source>front line</source>
        <translation>خط الجبهة</translation>
    </message>
</context>
<context>
    <name>pdf</name>
    <message>
        <source>none on {date}</source>
        <translation>لا شيء في {date}</translation>
    </message>
    <message>
        <source>up from {km2} km² on {date} (+{gain}%)</source>
        <translation>ارتفاعاً من {km2} كم² في {date} (+{gain}%)</translation>
    </message>
    <message>
        <source>{share}% of {date}</source>
        <translation>{share}% مما كان في {date}</translation>
    </message>
    <message>
        <source>{name}: {km2} km², {of_start}</source>
        <translation>{name}: {km2} كم²، {of_start}</translation>
    </message>
    <message>
        <source>{name} ({km2} km²)</source>
        <translation>{name} ({km2} كم²)</translation>
    </message>
    <message>
        <source>km²</source>
        <translation>كم²</translation>
    </message>
    <message>
        <source>{title}: briefing handout</source>
        <translation>{title}: نشرة الإحاطة</translation>
    </message>
    <message>
        <source>{title} — briefing handout</source>
        <translation>{title} — نشرة الإحاطة</translation>
    </message>
    <message>
        <source>page {number}</source>
        <translation>صفحة {number}</translation>
    </message>
    <message>
        <source>1 page follows, in time order</source>
        <translation>تليها صفحة واحدة، بالترتيب الزمني</translation>
    </message>
    <message>
        <source>{count} pages follow, in time order</source>
        <translation>تليها {count} صفحة، بالترتيب الزمني</translation>
    </message>
    <message>
        <source>{start} – {end} ({zone}); {follow}</source>
        <translation>{start} – {end} ({zone})؛ {follow}</translation>
    </message>
    <message>
        <source>Territory (km²) and front lengths are computed from the map geometry (UTM 37N); each page shows the map at 00:00 of the event&apos;s day, when the change it records holds. Changes are against the previous page (the first page: against the period start).</source>
        <translation>تُحسب المساحات (كم²) وأطوال الجبهات من هندسة الخريطة (UTM 37N)؛ تعرض كل صفحة الخريطة الساعة 00:00 من يوم الحدث، حين يكون التغيير الذي تسجله قائمًا. التغييرات مقارنةً بالصفحة السابقة (الصفحة الأولى: مقارنةً ببداية الفترة).</translation>
    </message>
    <message>
        <source>Regions</source>
        <translation>المناطق</translation>
    </message>
    <message>
        <source>{name}: {count} area units, {km2} km². {note} Source: {source}</source>
        <translation>{name}: {count} وحدة مساحة، {km2} كم². {note} المصدر: {source}</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>المصادر</translation>
    </message>
    <message>
        <source>Sources (continued)</source>
        <translation>المصادر (تتمة)</translation>
    </message>
    <message>
        <source>map at {date}</source>
        <translation>الخريطة في {date}</translation>
    </message>
    <message>
        <source>Source: {source}</source>
        <translation>المصدر: {source}</translation>
    </message>
    <message>
        <source>(and {count} more version(s): see the event details)</source>
        <translation>(و{count} رواية أخرى: انظر تفاصيل الحدث)</translation>
    </message>
    <message>
        <source>Faction</source>
        <translation>الطرف</translation>
    </message>
    <message>
        <source>change</source>
        <translation>التغيير</translation>
    </message>
    <message>
        <source>Front line: {km} km</source>
        <translation>خط الجبهة: {km} كم</translation>
    </message>
</context>
<context>
    <name>theme</name>
    <message>
        <source>Standard</source>
        <translation>قياسية</translation>
    </message>
    <message>
        <source>Colour-blind safe (Okabe–Ito)</source>
        <translation>آمنة لعمى الألوان (Okabe–Ito)</translation>
    </message>
</context>
<context>
    <name>timeline</name>
    <message>
        <source>Date uncertain: taken {window}</source>
        <translation>تاريخ غير مؤكد: سيطر عليها {window}</translation>
    </message>
</context>
</TS>
