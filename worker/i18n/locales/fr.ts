import type { LocaleCatalog } from "../catalog";

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
  },
  topics: { complaint: "Réclamation", suggestion: "Suggestion", praise: "Compliment", question: "Question" },
  scale: {
    nps: ["Pas du tout probable", "Extrêmement probable"],
    csat: ["Très insatisfait", "Très satisfait"],
    ces: ["Très difficile", "Très facile"],
    thumbs: ["Non", "Oui"],
  },
};
