import type { LocaleCatalog } from "../catalog";

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
  },
  topics: { complaint: "Жалоба", suggestion: "Предложение", praise: "Благодарность", question: "Вопрос" },
  scale: {
    nps: ["Крайне маловероятно", "Очень вероятно"],
    csat: ["Очень плохо", "Отлично"],
    ces: ["Очень сложно", "Очень легко"],
    thumbs: ["Нет", "Да"],
  },
};
