/**
 * The value a task last completed with, and what it was for (a link; a person and an account).
 * @lit/task forgets its value when a run fails, and keeps the old one while a run for something else is
 * pending. An element that must go on showing what it last loaded through a failed reload, and never
 * show it for another link or person, keeps it here.
 */
export class KeptValue<T> {
  #key: string | null = null;
  #value: T | undefined;

  keep(key: string, value: T) {
    this.#key = key;
    this.#value = value;
  }

  /** The value kept for `key`, else undefined. */
  for(key: string | null): T | undefined {
    return key !== null && key === this.#key ? this.#value : undefined;
  }
}
