// Made-up enquirers for the lead-source simulator: Indian names, mobile numbers and cities.
import { randomInt } from "node:crypto";

const FIRST = [
  "Aarav",
  "Priya",
  "Rohan",
  "Ananya",
  "Vikram",
  "Sneha",
  "Arjun",
  "Kavya",
  "Rahul",
  "Meera",
  "Karthik",
  "Divya",
  "Imran",
  "Pooja",
];
const LAST = ["Sharma", "Iyer", "Patel", "Reddy", "Nair", "Gupta", "Khan", "Menon", "Singh", "Rao", "Das", "Joshi", "Kulkarni", "Bose"];
const CITIES = ["Bengaluru", "Mumbai", "Pune", "Hyderabad", "Chennai", "Delhi", "Kolkata", "Ahmedabad", "Jaipur", "Kochi"];

export interface SimPerson {
  firstName: string;
  lastName: string;
  name: string;
  /** Ten digits, starting 6–9. */
  mobile10: string;
  email: string;
  city: string;
}

const pick = <T>(list: readonly T[]) => list[randomInt(list.length)]!;

export function person(overrides: Partial<SimPerson> = {}): SimPerson {
  const firstName = overrides.firstName ?? pick(FIRST);
  const lastName = overrides.lastName ?? pick(LAST);
  const mobile10 = overrides.mobile10 ?? `${pick(["9", "8", "7"])}${String(randomInt(100_000_000, 999_999_999))}`;
  return {
    firstName,
    lastName,
    name: overrides.name ?? `${firstName} ${lastName}`,
    mobile10,
    email: overrides.email ?? `${firstName}.${lastName}${mobile10.slice(-6)}@example.in`.toLowerCase(),
    city: overrides.city ?? pick(CITIES),
  };
}

/** A numeric id of `digits` digits, as ad platforms use (as text: it may exceed 2^53). */
export const numericId = (digits: number) => `${randomInt(1, 10)}${Array.from({ length: digits - 1 }, () => randomInt(10)).join("")}`;
