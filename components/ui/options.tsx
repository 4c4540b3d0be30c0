// The <option>s of a select, from a list: one line at each select instead of a map.
import type { ReactNode } from "react";

export function Options<T>({
  items,
  value,
  label,
}: {
  items: readonly T[] | undefined;
  value: (item: T) => string;
  label: (item: T) => ReactNode;
}) {
  return (
    <>
      {items?.map((item) => (
        <option key={value(item)} value={value(item)}>
          {label(item)}
        </option>
      ))}
    </>
  );
}
