import { authed, parseInput, readJson, searchParams } from "@/lib/api/handler";
import { createTaskSchema, listTasksQuerySchema } from "@/lib/tasks/schemas";
import { createTask, listTasks } from "@/lib/tasks/service";

export const GET = authed(async ({ request, actor }) =>
  Response.json(await listTasks({ actor, query: parseInput(listTasksQuerySchema, searchParams(request)) })),
);

export const POST = authed(async ({ request, actor }) => {
  const input = await readJson(request, createTaskSchema);
  return Response.json(await createTask({ actor, input }), { status: 201 });
});
