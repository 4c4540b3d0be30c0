/** Joins class names, skipping the falsy ones: long Tailwind lists stay readable across lines. */
export const cx = (...classes: (string | false | null | undefined)[]) => classes.filter(Boolean).join(" ");
