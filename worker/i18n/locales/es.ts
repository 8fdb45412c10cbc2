import type { LocaleCatalog } from "../catalog";

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
  },
  topics: { complaint: "Queja", suggestion: "Sugerencia", praise: "Felicitación", question: "Pregunta" },
  scale: {
    nps: ["Nada probable", "Muy probable"],
    csat: ["Muy insatisfecho", "Muy satisfecho"],
    ces: ["Muy difícil", "Muy fácil"],
    thumbs: ["No", "Sí"],
  },
};
