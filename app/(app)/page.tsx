import { redirect } from "next/navigation";

// The agent home (today's calls, missed calls, recent leads) comes with the workspace issue.
export default function HomePage() {
  redirect("/leads");
}
