import type { LocaleCatalog } from "../catalog";

export const pl: LocaleCatalog = {
  strings: {
    button: "Opinia",
    close: "Zamknij",
    submit: "Wyślij",
    sending: "Wysyłanie…",
    thanks: "Dziękujemy! Opinia została wysłana.",
    queued: "Wygląda na to, że nie ma połączenia z internetem. Odpowiedź została zapisana i zostanie wysłana automatycznie.",
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
  },
  topics: { complaint: "Skarga", suggestion: "Sugestia", praise: "Pochwała", question: "Pytanie" },
  scale: {
    nps: ["Zupełnie nieprawdopodobne", "Bardzo prawdopodobne"],
    csat: ["Bardzo źle", "Bardzo dobrze"],
    ces: ["Bardzo trudno", "Bardzo łatwo"],
    thumbs: ["Nie", "Tak"],
  },
};
