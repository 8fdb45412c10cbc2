import type { ReportingPeriod } from "../../../schema/common";
import type { LocaleCatalog } from "../catalog";

/** "After the end of each …" (privacy.anonymity). */
const EACH: Record<ReportingPeriod, string> = { day: "每天", week: "每周", month: "每月", quarter: "每季度" };
/** "The results for the … you answered in" (privacy.deletion). */
const YOURS: Record<ReportingPeriod, string> = { day: "当天", week: "当周", month: "当月", quarter: "当季度" };

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
    yourFeedback: "您的反馈",
    yourAnswer: "您的回答",
    closeThread: "关闭此对话",
    threadClosed: "对话已关闭。",
    undo: "撤销",
  },
  topics: { complaint: "投诉", suggestion: "建议", praise: "表扬", question: "咨询" },
  scale: {
    nps: ["完全不可能", "极有可能"],
    csat: ["非常不满意", "非常满意"],
    ces: ["非常困难", "非常容易"],
    thumbs: ["否", "是"],
  },
  privacy: {
    answers: { other: "条回答" },
    anonymity: (groupSize, period, verified) =>
      `匿名：结果仅按不少于 ${groupSize}的分组显示，且在${EACH[period]}结束后才显示；` +
      (verified ? "会验证您的登录，但" : "") +
      "不会保存姓名、邮箱或 IP 地址。",
    deletion: (period) =>
      `在您作答${YOURS[period]}的结果公布之前，删除回答会将其完全移除；` +
      "之后删除只会移除您的评论和这段对话，您的评分仍保留在分组数据中。",
  },
};
