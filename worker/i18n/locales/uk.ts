import type { LocaleCatalog } from "../catalog";

export const uk: LocaleCatalog = {
  strings: {
    button: "Відгук",
    close: "Закрити",
    submit: "Надіслати",
    sending: "Надсилання…",
    thanks: "Дякуємо! Ваш відгук надіслано.",
    queued: "Схоже, немає з’єднання з інтернетом. Вашу відповідь збережено, її буде надіслано автоматично.",
    error: "Вибачте, щось пішло не так. Спробуйте ще раз.",
    comment: "Бажаєте щось додати?",
    optional: "(необов’язково)",
    topic: "Чого стосується відгук?",
    service: "Який сервіс?",
    thumbsUp: "Так, допомогло",
    thumbsDown: "Ні, не допомогло",
    commentRequired: "Будь ласка, напишіть кілька слів.",
    scoreLabel: "{score}",
    replies: "Відповіді на ваш відгук",
    newReply: "Нова відповідь",
    team: "Команда",
    you: "Ви",
    answer: "Напишіть відповідь",
  },
  topics: { complaint: "Скарга", suggestion: "Пропозиція", praise: "Подяка", question: "Запитання" },
  scale: {
    nps: ["Дуже малоймовірно", "Дуже ймовірно"],
    csat: ["Дуже погано", "Чудово"],
    ces: ["Дуже складно", "Дуже легко"],
    thumbs: ["Ні", "Так"],
  },
};
