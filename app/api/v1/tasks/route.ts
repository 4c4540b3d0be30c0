import { authed, parseInput, readJson, searchParams } from "@/lib/api/handler";
import { createTask, createTaskSchema, listTasks, listTasksQuerySchema } from "@/lib/tasks/service";

export const GET = authed(async ({ request, actor }) =>
  Response.json(await listTasks({ actor, query: parseInput(listTasksQuerySchema, searchParams(request)) })),
);

export const POST = authed(async ({ request, actor }) => {
  const input = await readJson(request, createTaskSchema);
  return Response.json(await createTask({ actor, input }), { status: 201 });
});
