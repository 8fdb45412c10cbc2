import type { LocaleCatalog } from "../catalog";

export const de: LocaleCatalog = {
  strings: {
    button: "Feedback",
    close: "Schließen",
    submit: "Senden",
    sending: "Wird gesendet\u00a0…",
    thanks: "Vielen Dank! Ihr Feedback wurde gesendet.",
    queued: "Sie sind offenbar offline. Ihre Antwort wurde gespeichert und wird automatisch gesendet.",
    error: "Das hat leider nicht geklappt. Bitte versuchen Sie es erneut.",
    comment: "Möchten Sie noch etwas ergänzen?",
    optional: "(optional)",
    topic: "Worum geht es?",
    service: "Welcher Service?",
    thumbsUp: "Ja, hilfreich",
    thumbsDown: "Nein, nicht hilfreich",
    commentRequired: "Bitte schreiben Sie ein paar Worte.",
    scoreLabel: "{score}",
    replies: "Antworten auf Ihr Feedback",
    newReply: "Neue Antwort",
    team: "Team",
    you: "Sie",
    answer: "Antwort schreiben",
  },
  topics: { complaint: "Beschwerde", suggestion: "Vorschlag", praise: "Lob", question: "Frage" },
  scale: {
    nps: ["Überhaupt nicht wahrscheinlich", "Äußerst wahrscheinlich"],
    csat: ["Sehr unzufrieden", "Sehr zufrieden"],
    ces: ["Sehr schwierig", "Sehr einfach"],
    thumbs: ["Nein", "Ja"],
  },
};
