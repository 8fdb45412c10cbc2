import type { ReportingPeriod } from "../../../schema/common";
import type { LocaleCatalog } from "../catalog";

/** "After the end of each …" (privacy.anonymity). */
const EACH: Record<ReportingPeriod, string> = {
  day: "кожного дня",
  week: "кожного тижня",
  month: "кожного місяця",
  quarter: "кожного кварталу",
};
/** "The results for the … you answered in" (privacy.deletion). */
const YOURS: Record<ReportingPeriod, string> = {
  day: "за день, коли ви відповіли",
  week: "за тиждень, коли ви відповіли",
  month: "за місяць, коли ви відповіли",
  quarter: "за квартал, коли ви відповіли",
};

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
    yourFeedback: "Ваші відгуки",
    yourAnswer: "Ваша відповідь",
    closeThread: "Закрити цю розмову",
    threadClosed: "Розмову закрито.",
    undo: "Скасувати",
  },
  topics: { complaint: "Скарга", suggestion: "Пропозиція", praise: "Подяка", question: "Запитання" },
  scale: {
    nps: ["Дуже малоймовірно", "Дуже ймовірно"],
    csat: ["Дуже погано", "Чудово"],
    ces: ["Дуже складно", "Дуже легко"],
    thumbs: ["Ні", "Так"],
  },
  privacy: {
    // Genitive after «з»: з 21 відповіді, з 3 відповідей, з 5 відповідей.
    answers: { one: "відповіді", other: "відповідей" },
    anonymity: (groupSize, period, verified) =>
      `Анонімно: результати показуються лише для груп щонайменше з ${groupSize}, ` +
      `після завершення ${EACH[period]}; ` +
      (verified ? "ваш вхід перевіряється, але " : "") +
      "ім’я, e-mail та IP-адреса не зберігаються.",
    deletion: (period) =>
      `Доки не опубліковано результати ${YOURS[period]}, видалення стирає вашу відповідь повністю. ` +
      "Після цього видаляються ваш коментар і це листування, але оцінка залишається в цифрах групи.",
  },
};
