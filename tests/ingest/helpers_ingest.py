"""Small reports written for these tests (not copied from any outlet)."""

AR_REPORT = (
    "قوات النظام تسيطر على قرية حاوي بقرص\n\n"
    "سيطرت قوات النظام، اليوم الأربعاء، على قرية حاوي بقرص في ريف الميادين بعد اشتباكات مع عناصر "
    "تنظيم داعش استمرت ساعات، وفق مصادر محلية.\n"
    "وقُتل مدنيان اثنان بقصف مدفعي استهدف أطراف بلدة محكان المجاورة مساء أمس.\n"
)
EN_REPORT = (
    "Government forces take village near Mayadin\n\n"
    "Syrian government forces took control of the village of Saalu near al-Mayadin on Wednesday "
    "after clashes with Islamic State fighters, a monitor said.\n"
    "Two civilians were killed by artillery shelling on the outskirts of Mahkan on Tuesday evening.\n"
)
