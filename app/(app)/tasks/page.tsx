import type { Metadata } from "next";
import { TasksView } from "@/components/tasks/tasks-view";
import { isSupervisor } from "@/lib/auth/actor";
import { requirePageActor } from "@/lib/auth/page-actor";

export const metadata: Metadata = { title: "Tasks" };

export default async function TasksPage() {
  const actor = await requirePageActor();
  return <TasksView supervisor={isSupervisor(actor)} />;
}
