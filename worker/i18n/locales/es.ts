import type { ReportingPeriod } from "../../../schema/common";
import type { LocaleCatalog } from "../catalog";

/** "After the end of each …" (privacy.anonymity). */
const EACH: Record<ReportingPeriod, string> = {
  day: "cada día",
  week: "cada semana",
  month: "cada mes",
  quarter: "cada trimestre",
};
/** "The results for the … you answered in" (privacy.deletion). */
const YOURS: Record<ReportingPeriod, string> = {
  day: "del día en que respondió",
  week: "de la semana en que respondió",
  month: "del mes en que respondió",
  quarter: "del trimestre en que respondió",
};

export const es: LocaleCatalog = {
  strings: {
    button: "Opinión",
    close: "Cerrar",
    submit: "Enviar",
    sending: "Enviando…",
    thanks: "¡Gracias! Hemos recibido su opinión.",
    queued: "Parece que no tiene conexión. Su respuesta se ha guardado y se enviará automáticamente.",
    error: "Lo sentimos, algo salió mal. Inténtelo de nuevo.",
    comment: "¿Desea añadir algo más?",
    optional: "(opcional)",
    topic: "¿De qué se trata?",
    service: "¿Sobre qué servicio?",
    thumbsUp: "Sí, fue útil",
    thumbsDown: "No, no fue útil",
    commentRequired: "Por favor, escriba unas palabras.",
    scoreLabel: "{score}",
    replies: "Respuestas a su opinión",
    newReply: "Nueva respuesta",
    team: "Equipo",
    you: "Usted",
    answer: "Escriba una respuesta",
    yourFeedback: "Sus opiniones",
    yourAnswer: "Su respuesta",
    closeThread: "Cerrar esta conversación",
    threadClosed: "Conversación cerrada.",
    undo: "Deshacer",
  },
  topics: { complaint: "Queja", suggestion: "Sugerencia", praise: "Felicitación", question: "Pregunta" },
  scale: {
    nps: ["Nada probable", "Muy probable"],
    csat: ["Muy insatisfecho", "Muy satisfecho"],
    ces: ["Muy difícil", "Muy fácil"],
    thumbs: ["No", "Sí"],
  },
  privacy: {
    answers: { one: "respuesta", other: "respuestas" },
    anonymity: (groupSize, period, verified) =>
      `Anónimo: los resultados solo se muestran para grupos de al menos ${groupSize}, al terminar ${EACH[period]}; ` +
      (verified ? "se comprueba su inicio de sesión, pero " : "") +
      "no se guarda ningún nombre, correo electrónico ni dirección IP.",
    deletion: (period) =>
      `Hasta que se publiquen los resultados ${YOURS[period]}, eliminar su respuesta la borra por completo. ` +
      "Después, se eliminan su comentario y esta conversación, pero su puntuación se mantiene en las cifras del grupo.",
  },
};
