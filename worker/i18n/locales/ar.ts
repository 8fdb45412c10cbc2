import type { ReportingPeriod } from "../../../schema/common";
import type { LocaleCatalog } from "../catalog";

/** "After the end of each …" (privacy.anonymity). */
const EACH: Record<ReportingPeriod, string> = {
  day: "كل يوم",
  week: "كل أسبوع",
  month: "كل شهر",
  quarter: "كل ربع سنة",
};
/** "The results for the … you answered in" (privacy.deletion). */
const YOURS: Record<ReportingPeriod, string> = {
  day: "اليوم الذي أجبت فيه",
  week: "الأسبوع الذي أجبت فيه",
  month: "الشهر الذي أجبت فيه",
  quarter: "ربع السنة الذي أجبت فيه",
};

/** Arabic (right-to-left: directionOf("ar") is "rtl"); Arabic comma ، and question mark ؟. */
export const ar: LocaleCatalog = {
  strings: {
    button: "شاركنا رأيك",
    close: "إغلاق",
    submit: "إرسال",
    sending: "جارٍ الإرسال…",
    thanks: "شكرًا لك! تم إرسال ملاحظاتك.",
    queued: "يبدو أنك غير متصل بالإنترنت. تم حفظ إجابتك وسيتم إرسالها تلقائيًا.",
    error: "عذرًا، حدث خطأ ما. يُرجى المحاولة مرة أخرى.",
    comment: "هل هناك ما تودّ إضافته؟",
    optional: "(اختياري)",
    topic: "ما موضوع ملاحظاتك؟",
    service: "ما الخدمة المعنية؟",
    thumbsUp: "نعم، مفيد",
    thumbsDown: "لا، غير مفيد",
    commentRequired: "يُرجى كتابة بضع كلمات.",
    scoreLabel: "{score}",
    replies: "الردود على ملاحظاتك",
    newReply: "رد جديد",
    team: "الفريق",
    you: "أنت",
    answer: "اكتب ردًا",
    yourFeedback: "ملاحظاتك",
    yourAnswer: "إجابتك",
    closeThread: "إغلاق هذه المحادثة",
    threadClosed: "تم إغلاق المحادثة.",
    undo: "تراجع",
  },
  topics: { complaint: "شكوى", suggestion: "اقتراح", praise: "إشادة", question: "استفسار" },
  scale: {
    nps: ["غير محتمل إطلاقًا", "محتمل جدًا"],
    csat: ["غير راضٍ إطلاقًا", "راضٍ جدًا"],
    ces: ["صعب جدًا", "سهل جدًا"],
    thumbs: ["لا", "نعم"],
  },
  privacy: {
    // The counted noun: plural from 3 to 10, singular from 11 on.
    answers: { one: "إجابة", two: "إجابتين", few: "إجابات", other: "إجابة" },
    anonymity: (groupSize, period, verified) =>
      `مجهول الهوية: لا تُعرض النتائج إلا لمجموعات من ${groupSize} على الأقل، بعد انتهاء ${EACH[period]}؛ ` +
      (verified ? "يُتحقَّق من تسجيل دخولك، لكن " : "") +
      "لا يُحفظ أي اسم أو بريد إلكتروني أو عنوان IP.",
    deletion: (period) =>
      `إلى أن تُنشر نتائج ${YOURS[period]}، يؤدي حذف إجابتك إلى إزالتها بالكامل. ` +
      "بعد ذلك، يزيل الحذف تعليقك وهذه المحادثة، لكن تقييمك يبقى ضمن أرقام المجموعة.",
  },
};
