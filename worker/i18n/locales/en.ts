import type { LocaleCatalog } from "../catalog";

export const en: LocaleCatalog = {
  strings: {
    button: "Feedback",
    close: "Close",
    submit: "Send",
    sending: "Sending…",
    thanks: "Thank you! Your feedback was sent.",
    queued: "You seem to be offline. Your answer is saved and will be sent automatically.",
    error: "Sorry, that did not work. Please try again.",
    comment: "Anything you would like to add?",
    optional: "(optional)",
    topic: "What is it about?",
    service: "Which service?",
    thumbsUp: "Yes, helpful",
    thumbsDown: "No, not helpful",
    commentRequired: "Please write a few words.",
    scoreLabel: "{score}",
    replies: "Replies to your feedback",
    newReply: "New reply",
    team: "Team",
    you: "You",
    answer: "Write a reply",
    yourFeedback: "Your feedback",
    yourAnswer: "Your answer",
    closeThread: "Close this conversation",
    threadClosed: "Conversation closed.",
    undo: "Undo",
  },
  topics: { complaint: "Complaint", suggestion: "Suggestion", praise: "Praise", question: "Question" },
  scale: {
    nps: ["Not at all likely", "Extremely likely"],
    csat: ["Very unsatisfied", "Very satisfied"],
    ces: ["Very difficult", "Very easy"],
    thumbs: ["No", "Yes"],
  },
  privacy: {
    answers: { one: "answer", other: "answers" },
    anonymity: (groupSize, period, verified) =>
      `Anonymous: results are shown only for groups of at least ${groupSize}, after each ${period} ends; ` +
      (verified ? "your sign-in is checked, but " : "") +
      "no name, email or IP address is kept.",
    deletion: (period) =>
      `Deleting your answer removes it completely until the results for its ${period} are out. ` +
      "After that, deleting removes your comment and this conversation, but your score stays in the group figures.",
  },
};
