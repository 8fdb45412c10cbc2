import type { LocaleCatalog } from "../catalog";

/** Simplified Chinese; zh-CN, zh-Hans, zh-SG (and, lacking a zh-Hant catalog, zh-TW) resolve to it. */
export const zh: LocaleCatalog = {
  strings: {
    button: "反馈",
    close: "关闭",
    submit: "提交",
    sending: "正在提交……",
    thanks: "谢谢！您的反馈已提交。",
    queued: "您似乎处于离线状态。您的回答已保存，联网后将自动提交。",
    error: "抱歉，提交失败，请重试。",
    comment: "您还有什么想补充的吗？",
    optional: "（选填）",
    topic: "您的反馈属于哪一类？",
    service: "涉及哪项服务？",
    thumbsUp: "是的，有帮助",
    thumbsDown: "不，没有帮助",
    commentRequired: "请简单写几句话。",
    scoreLabel: "{score}",
    replies: "对您反馈的回复",
    newReply: "新回复",
    team: "团队",
    you: "您",
    answer: "写回复",
  },
  topics: { complaint: "投诉", suggestion: "建议", praise: "表扬", question: "咨询" },
  scale: {
    nps: ["完全不可能", "极有可能"],
    csat: ["非常不满意", "非常满意"],
    ces: ["非常困难", "非常容易"],
    thumbs: ["否", "是"],
  },
};
