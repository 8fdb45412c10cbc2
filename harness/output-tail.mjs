/** The last lines a process printed: what an error shows when it fails, or when it dies on its own. */
export class OutputTail {
  /** @type {string[]} */
  #lines = [];
  #limit;

  constructor(limit = 80) {
    this.#limit = limit;
  }

  /** @param {Buffer | string} chunk */
  add(chunk) {
    this.#lines.push(
      ...chunk
        .toString()
        .split("\n")
        .filter((line) => line.trim() !== ""),
    );
    this.#lines = this.#lines.slice(-this.#limit);
  }

  /** A colon and the lines below it, or nothing when there are none: ready to end a message with. */
  suffix() {
    return this.#lines.length ? `:\n${this.#lines.join("\n")}` : "";
  }

  toString() {
    return this.#lines.join("\n");
  }
}
