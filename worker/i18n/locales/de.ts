import type { ReportingPeriod } from "../../../schema/common";
import type { LocaleCatalog } from "../catalog";

/** "After the end of each …" (privacy.anonymity). */
const EACH: Record<ReportingPeriod, string> = {
  day: "jedes Tages",
  week: "jeder Woche",
  month: "jedes Monats",
  quarter: "jedes Quartals",
};
/** "The results for the … you answered in" (privacy.deletion). */
const YOURS: Record<ReportingPeriod, string> = {
  day: "des Tages, an dem Sie geantwortet haben",
  week: "der Woche, in der Sie geantwortet haben",
  month: "des Monats, in dem Sie geantwortet haben",
  quarter: "des Quartals, in dem Sie geantwortet haben",
};

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
    yourFeedback: "Ihr Feedback",
    yourAnswer: "Ihre Antwort",
    closeThread: "Dieses Gespräch schließen",
    threadClosed: "Gespräch geschlossen.",
    undo: "Rückgängig",
  },
  topics: { complaint: "Beschwerde", suggestion: "Vorschlag", praise: "Lob", question: "Frage" },
  scale: {
    nps: ["Überhaupt nicht wahrscheinlich", "Äußerst wahrscheinlich"],
    csat: ["Sehr unzufrieden", "Sehr zufrieden"],
    ces: ["Sehr schwierig", "Sehr einfach"],
    thumbs: ["Nein", "Ja"],
  },
  privacy: {
    answers: { one: "Antwort", other: "Antworten" },
    anonymity: (groupSize, period, verified) =>
      `Anonym: Ergebnisse werden nur für Gruppen ab ${groupSize} gezeigt, erst nach Ende ${EACH[period]}; ` +
      (verified ? "Ihre Anmeldung wird geprüft, aber " : "") +
      "Name, E-Mail-Adresse und IP-Adresse werden nicht gespeichert.",
    deletion: (period) =>
      `Solange die Ergebnisse ${YOURS[period]} nicht veröffentlicht sind, ` +
      "wird Ihre Antwort beim Löschen vollständig entfernt. Danach entfernt das Löschen Ihren Kommentar " +
      "und diese Unterhaltung, Ihre Bewertung bleibt aber in den Zahlen der Gruppe.",
  },
};
