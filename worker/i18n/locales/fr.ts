import type { ReportingPeriod } from "../../../schema/common";
import type { LocaleCatalog } from "../catalog";

/** "After the end of each …" (privacy.anonymity). */
const EACH: Record<ReportingPeriod, string> = {
  day: "chaque jour",
  week: "chaque semaine",
  month: "chaque mois",
  quarter: "chaque trimestre",
};
/** "The results for the … you answered in" (privacy.deletion). */
const YOURS: Record<ReportingPeriod, string> = {
  day: "du jour où vous avez répondu",
  week: "de la semaine où vous avez répondu",
  month: "du mois où vous avez répondu",
  quarter: "du trimestre où vous avez répondu",
};

// French typography: a narrow no-break space (U+202F) before ? and !.
export const fr: LocaleCatalog = {
  strings: {
    button: "Votre avis",
    close: "Fermer",
    submit: "Envoyer",
    sending: "Envoi en cours…",
    thanks: "Merci\u202f! Votre avis a bien été envoyé.",
    queued: "Vous semblez être hors ligne. Votre réponse est enregistrée et sera envoyée automatiquement.",
    error: "Désolé, une erreur s’est produite. Veuillez réessayer.",
    comment: "Souhaitez-vous ajouter quelque chose\u202f?",
    optional: "(facultatif)",
    topic: "De quoi s’agit-il\u202f?",
    service: "Quel service est concerné\u202f?",
    thumbsUp: "Oui, utile",
    thumbsDown: "Non, pas utile",
    commentRequired: "Veuillez écrire quelques mots.",
    scoreLabel: "{score}",
    replies: "Réponses à votre avis",
    newReply: "Nouvelle réponse",
    team: "Équipe",
    you: "Vous",
    answer: "Écrire une réponse",
    yourFeedback: "Vos avis",
    yourAnswer: "Votre réponse",
    closeThread: "Fermer cette conversation",
    threadClosed: "Conversation fermée.",
    undo: "Annuler",
  },
  topics: { complaint: "Réclamation", suggestion: "Suggestion", praise: "Compliment", question: "Question" },
  scale: {
    nps: ["Pas du tout probable", "Extrêmement probable"],
    csat: ["Très insatisfait", "Très satisfait"],
    ces: ["Très difficile", "Très facile"],
    thumbs: ["Non", "Oui"],
  },
  privacy: {
    answers: { one: "réponse", other: "réponses" },
    anonymity: (groupSize, period, verified) =>
      `Anonyme\u00a0: les résultats ne sont affichés que pour des groupes d’au moins ${groupSize}, ` +
      `à la fin de ${EACH[period]}\u202f; ` +
      (verified ? "votre connexion est vérifiée, mais " : "") +
      "aucun nom, e-mail ni adresse IP n’est conservé.",
    deletion: (period) =>
      `Tant que les résultats ${YOURS[period]} ne sont pas publiés, supprimer votre réponse l’efface entièrement. ` +
      "Ensuite, la suppression efface votre commentaire et cette conversation, " +
      "mais votre note reste dans les chiffres du groupe.",
  },
};
