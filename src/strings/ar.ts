/**
 * The words the site itself prints, in Modern Standard Arabic. Same keys as en.ts.
 *
 * Digits are Western Arabic (0-9), asked for by name (`ar-u-nu-latn`): the Arabic news
 * sites our wire copy comes from print them, authors type them in headlines and bodies, so
 * the page's own numbers match its text; and ICU's default for a bare "ar" has changed
 * between versions, so naming it keeps builds alike. Plurals follow Arabic's six forms.
 */
import type { Strings } from "./en.ts";

/** Arabic counted nouns: one, two, 3 to 10 (plural), 11 and more (singular accusative). */
function counted(n: number, forms: { one: string; two: string; few: string; many: string }): string {
  if (n === 1) return forms.one;
  if (n === 2) return forms.two;
  const rule = new Intl.PluralRules("ar").select(n);
  return `${n} ${rule === "few" ? forms.few : forms.many}`;
}

export const ar = {
  locale: "ar-u-nu-latn",

  skipLink: "انتقل إلى المحتوى",
  siteNav: "الموقع",
  archive: "الأرشيف",
  search: "بحث",
  standards: "من نحن ومعاييرنا",
  printedFrom: "طُبع من",
  followByFeed: "تابعنا عبر الخلاصات:",
  corrections: "التصحيحات",

  by: "بقلم",
  types: {
    news: "خبر",
    analysis: "تحليل",
    opinion: "رأي",
    explainer: "شرح",
    feature: "تقرير",
    obituary: "رثاء",
    review: "مراجعة",
  },
  published: "نُشر في",
  updated: "حُدّث في",
  corrected: "صُحّح في",
  clarified: "أُوضح في",
  withdrawn: "سُحب في",
  embargoedUntil: "محظور النشر حتى",
  readingTime: (minutes: number) =>
    `مدة القراءة: ${counted(minutes, { one: "دقيقة واحدة", two: "دقيقتان", few: "دقائق", many: "دقيقة" })}`,
  ageNotice: (years: number) =>
    `مضى على نشر هذا المقال أكثر من ${counted(years, { one: "سنة", two: "سنتين", few: "سنوات", many: "سنة" })}`,
  updatesHeading: "التحديثات",
  correctionsHeading: (count: number) => (count === 1 ? "تصحيح" : "تصحيحات"),
  credit: "مصدر الصورة:",
  photoNotAvailable: "(الصورة غير متاحة)",
  originallyPublishedBy: "نُشر أولًا في",
  topics: "مواضيع:",
  archiveLinkBefore: "المزيد من عام",
  archiveLinkAfter: "في الأرشيف",
  share: "شارك هذا المقال",
  email: "البريد الإلكتروني",
  shareByEmail: "شارك عبر البريد الإلكتروني",
  shareOn: (network: string) => `شارك على ${network}`,
  related: "مقالات ذات صلة",
  draftBanner: "مسودة",
  draftExplained: ": غير منشورة؛ لا تظهر إلا في المعاينة.",
  embargoExplained: ": لا يُنشر قبل ذلك؛ لا يظهر إلا في المعاينة.",
  withdrawnTitle: "سُحب المقال",
  withdrawnDescription: "سُحب هذا المقال.",
  withdrawnSentence: "سُحب هذا المقال.",
  withdrawnReason: "السبب:",

  noArticles: "لا مقالات بعد.",
  pages: "الصفحات",
  newer: "الأحدث",
  older: "الأقدم",
  pageOf: (page: number, of: number) => `الصفحة ${page} من ${of}`,
  pageSuffix: (page: number) => ` (الصفحة ${page})`,
  kinds: { section: "القسم", topic: "الموضوع", archive: "الأرشيف" },
  listDescription: (kind: string, name: string) => `${kind}: ${name}. كل المقالات، الأحدث أولًا.`,
  latest: "آخر الأخبار",
  topStories: "أبرز الأخبار",
  olderInArchive: "المقالات الأقدم في الأرشيف",
  moreIn: (section: string) => `المزيد في ${section}`,
  archiveDescription: "كل المقالات، حسب السنة والقسم والموضوع.",
  byYear: "حسب السنة",
  bySection: "حسب القسم",
  byTopic: "حسب الموضوع",
  authorFeed: (name: string) => `تابع ${name} عبر الخلاصة (RSS)`,
  articlesBy: (name: string) => `مقالات ${name}`,
  correctionsDescription: "كل التصحيحات التي نشرناها، الأحدث أولًا.",
  noCorrections: "لم يُنشر أي تصحيح.",

  searchDescription: "ابحث في كل المقالات.",
  searchNeedsScriptBefore: "يحتاج البحث إلى جافاسكربت، وهي معطلة أو محجوبة في هذا المتصفح. كل المقالات مدرجة في",
  searchNeedsScriptAfter: "، حسب السنة والقسم والموضوع.",
  notFoundTitle: "الصفحة غير موجودة",
  notFoundDescription: "لا توجد صفحة على هذا العنوان.",
  notFoundText: "لا توجد صفحة على هذا العنوان. ربما نُقلت، أو ربما في الرابط خطأ.",
  notFoundLatest: "اذهب إلى آخر الأخبار",
  notFoundArchiveBefore: "، أو تصفّح",
  archiveWord: "الأرشيف",
  notFoundSearchBefore: "، أو",
  searchWord: "ابحث",
} satisfies Strings;
