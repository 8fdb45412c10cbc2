import type { ReportingPeriod } from "../../../schema/common";
import type { LocaleCatalog } from "../catalog";

/** "After the end of each …" (privacy.anonymity). */
const EACH: Record<ReportingPeriod, string> = {
  day: "каждого дня",
  week: "каждой недели",
  month: "каждого месяца",
  quarter: "каждого квартала",
};
/** "The results for the … you answered in" (privacy.deletion). */
const YOURS: Record<ReportingPeriod, string> = {
  day: "за день, в который вы ответили",
  week: "за неделю, в которую вы ответили",
  month: "за месяц, в который вы ответили",
  quarter: "за квартал, в который вы ответили",
};

export const ru: LocaleCatalog = {
  strings: {
    button: "Отзыв",
    close: "Закрыть",
    submit: "Отправить",
    sending: "Отправка…",
    thanks: "Спасибо! Ваш отзыв отправлен.",
    queued: "Похоже, нет подключения к интернету. Ваш ответ сохранён и будет отправлен автоматически.",
    error: "Извините, что-то пошло не так. Попробуйте ещё раз.",
    comment: "Хотите что-нибудь добавить?",
    optional: "(необязательно)",
    topic: "О чём ваш отзыв?",
    service: "Какой сервис?",
    thumbsUp: "Да, помогло",
    thumbsDown: "Нет, не помогло",
    commentRequired: "Пожалуйста, напишите хотя бы пару слов.",
    scoreLabel: "{score}",
    replies: "Ответы на ваш отзыв",
    newReply: "Новый ответ",
    team: "Команда",
    you: "Вы",
    answer: "Напишите ответ",
    yourFeedback: "Ваши отзывы",
    yourAnswer: "Ваш ответ",
    closeThread: "Закрыть эту переписку",
    threadClosed: "Переписка закрыта.",
    undo: "Отменить",
  },
  topics: { complaint: "Жалоба", suggestion: "Предложение", praise: "Благодарность", question: "Вопрос" },
  scale: {
    nps: ["Крайне маловероятно", "Очень вероятно"],
    csat: ["Очень плохо", "Отлично"],
    ces: ["Очень сложно", "Очень легко"],
    thumbs: ["Нет", "Да"],
  },
  privacy: {
    // Genitive after «из»: из 21 ответа, из 3 ответов, из 5 ответов.
    answers: { one: "ответа", other: "ответов" },
    anonymity: (groupSize, period, verified) =>
      `Анонимно: результаты показываются только по группам не менее чем из ${groupSize}, ` +
      `после окончания ${EACH[period]}; ` +
      (verified ? "ваш вход проверяется, но " : "") +
      "имя, e-mail и IP-адрес не сохраняются.",
    deletion: (period) =>
      `Пока не опубликованы результаты ${YOURS[period]}, удаление стирает ваш ответ полностью. ` +
      "После этого удаляются ваш комментарий и эта переписка, но оценка остаётся в цифрах группы.",
  },
};
