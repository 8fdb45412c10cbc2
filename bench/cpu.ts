/**
 * Where a run's CPU time went, from Linux's /proc: the server's process group (wrangler and the
 * workerd processes it starts), this process (the runner and autocannon), everything else on the
 * machine, what the hypervisor took (steal), and what was left idle. On a shared machine a throughput
 * is only as telling as these figures: they say whether the server had the cores to itself.
 */
import { readdirSync, readFileSync } from "node:fs";

/** USER_HZ: 100 on every Linux the kernel ABI promises (sysconf(_SC_CLK_TCK)). */
const TICK_MS = 10;

export type CpuSample = { groupMs: number; selfMs: number; busyMs: number; idleMs: number; stealMs: number };

/** utime + stime of every live process in process group `pgid`, in ms. */
function groupCpuMs(pgid: number): number {
  let ticks = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue; // gone meanwhile
    }
    // The command name is in parentheses and may hold spaces: fields are counted after its ")".
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // fields[0] is field 3 (state): pgrp is field 5, utime 14, stime 15.
    if (Number(fields[2]) === pgid) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks * TICK_MS;
}

/** The machine's CPU time since boot, summed over its cores (/proc/stat's first line), in ms. */
function machineCpuMs(): { busyMs: number; idleMs: number; stealMs: number } {
  const [user, nice, system, idle, iowait, irq, softirq, steal] = readFileSync("/proc/stat", "utf8")
    .split("\n")[0]!
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  return {
    busyMs: (user! + nice! + system! + irq! + softirq!) * TICK_MS,
    idleMs: (idle! + iowait!) * TICK_MS,
    stealMs: steal! * TICK_MS,
  };
}

export function sampleCpu(pgid: number): CpuSample {
  const usage = process.cpuUsage();
  return { groupMs: groupCpuMs(pgid), selfMs: (usage.user + usage.system) / 1000, ...machineCpuMs() };
}

/** Shares of the machine's whole CPU time (all cores: busy, idle and stolen) over an interval. */
export type CpuShares = { server: number; client: number; others: number; steal: number; idle: number };

export function cpuShares(from: CpuSample, to: CpuSample): CpuShares {
  const serverMs = to.groupMs - from.groupMs;
  const clientMs = to.selfMs - from.selfMs;
  const busyMs = to.busyMs - from.busyMs;
  const stealMs = to.stealMs - from.stealMs;
  const idleMs = to.idleMs - from.idleMs;
  const total = busyMs + idleMs + stealMs;
  return {
    server: serverMs / total,
    client: clientMs / total,
    others: Math.max(0, busyMs - serverMs - clientMs) / total,
    steal: stealMs / total,
    idle: idleMs / total,
  };
}
