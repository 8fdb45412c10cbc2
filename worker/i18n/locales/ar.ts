import type { LocaleCatalog } from "../catalog";

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
  },
  topics: { complaint: "شكوى", suggestion: "اقتراح", praise: "إشادة", question: "استفسار" },
  scale: {
    nps: ["غير محتمل إطلاقًا", "محتمل جدًا"],
    csat: ["غير راضٍ إطلاقًا", "راضٍ جدًا"],
    ces: ["صعب جدًا", "سهل جدًا"],
    thumbs: ["لا", "نعم"],
  },
};
