import type { ReportingPeriod } from "../../../schema/common";
import type { LocaleCatalog } from "../catalog";

/** "After the end of each …" (privacy.anonymity). */
const EACH: Record<ReportingPeriod, string> = {
  day: "każdego dnia",
  week: "każdego tygodnia",
  month: "każdego miesiąca",
  quarter: "każdego kwartału",
};
/** "The results for the … you answered in" (privacy.deletion). */
const YOURS: Record<ReportingPeriod, string> = {
  day: "za dzień, w którym udzielono odpowiedzi",
  week: "za tydzień, w którym udzielono odpowiedzi",
  month: "za miesiąc, w którym udzielono odpowiedzi",
  quarter: "za kwartał, w którym udzielono odpowiedzi",
};

export const pl: LocaleCatalog = {
  strings: {
    button: "Opinia",
    close: "Zamknij",
    submit: "Wyślij",
    sending: "Wysyłanie…",
    thanks: "Dziękujemy! Opinia została wysłana.",
    queued:
      "Wygląda na to, że nie ma połączenia z internetem. Odpowiedź została zapisana i zostanie wysłana automatycznie.",
    error: "Przepraszamy, coś poszło nie tak. Prosimy spróbować ponownie.",
    comment: "Coś jeszcze do dodania?",
    optional: "(opcjonalnie)",
    topic: "Czego dotyczy opinia?",
    service: "Która usługa?",
    thumbsUp: "Tak, pomogło",
    thumbsDown: "Nie, nie pomogło",
    commentRequired: "Prosimy napisać kilka słów.",
    scoreLabel: "{score}",
    replies: "Odpowiedzi na opinię",
    newReply: "Nowa odpowiedź",
    team: "Zespół",
    you: "Ty",
    answer: "Napisz odpowiedź",
    yourFeedback: "Twoje opinie",
    yourAnswer: "Twoja odpowiedź",
    closeThread: "Zamknij tę rozmowę",
    threadClosed: "Rozmowa zamknięta.",
    undo: "Cofnij",
  },
  topics: { complaint: "Skarga", suggestion: "Sugestia", praise: "Pochwała", question: "Pytanie" },
  scale: {
    nps: ["Zupełnie nieprawdopodobne", "Bardzo prawdopodobne"],
    csat: ["Bardzo źle", "Bardzo dobrze"],
    ces: ["Bardzo trudno", "Bardzo łatwo"],
    thumbs: ["Nie", "Tak"],
  },
  privacy: {
    // After «liczących co najmniej»: 1 odpowiedź, 3 odpowiedzi, 5 odpowiedzi.
    answers: { one: "odpowiedź", other: "odpowiedzi" },
    anonymity: (groupSize, period, verified) =>
      `Anonimowo: wyniki są pokazywane tylko dla grup liczących co najmniej ${groupSize}, ` +
      `po zakończeniu ${EACH[period]}; ` +
      (verified ? "sprawdzamy logowanie, ale " : "") +
      "nie zapisujemy imienia, adresu e-mail ani adresu IP.",
    deletion: (period) =>
      `Dopóki wyniki ${YOURS[period]} nie zostaną opublikowane, usunięcie odpowiedzi kasuje ją całkowicie. ` +
      "Później usuwa komentarz i tę rozmowę, ale ocena pozostaje w wynikach grupy.",
  },
};
