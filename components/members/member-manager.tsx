"use client";
import { UserPlus } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/input";
import { Alert } from "@/components/ui/misc";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { useServerAction } from "@/components/ui/use-server-action";
import { ROLES } from "@/lib/permissions";
import { formatDateTime } from "@/lib/format";
import type { ActionResult } from "@/lib/action-result";
import type { SetMemberRoleInput } from "@/lib/schemas/members";

type Member = { email: string; name: string; role: string; since: string };

/** The page's server actions, bound to its workspace or registry. */
export type MemberActions = {
  setRole: (email: string, input: SetMemberRoleInput) => Promise<ActionResult<unknown>>;
  remove: (email: string) => Promise<ActionResult<unknown>>;
};

export function MemberManager({
  actions,
  members,
  canManage,
  selfEmail,
}: {
  actions: MemberActions;
  members: Member[];
  canManage: boolean;
  selfEmail: string;
}) {
  const { error, isPending, run } = useServerAction();
  return (
    <div className="flex flex-col gap-4">
      {error ? <Alert>{error}</Alert> : null}
      {canManage ? (
        <form
          aria-label="Add member"
          className="flex flex-wrap items-end gap-3 rounded-lg border border-border bg-surface p-4"
          onSubmit={(e) => {
            e.preventDefault();
            const form = new FormData(e.currentTarget);
            const email = String(form.get("email") ?? "");
            run(
              () => actions.setRole(email, { role: String(form.get("role")) as (typeof ROLES)[number] }),
              `${email} added`,
            );
          }}
        >
          <Field label="E-mail of an existing user" htmlFor="member-email" className="min-w-64 flex-1">
            <Input id="member-email" name="email" type="email" required maxLength={320} />
          </Field>
          <Field label="Role" htmlFor="member-role">
            <Select id="member-role" name="role" defaultValue="reader">
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </Select>
          </Field>
          <Button type="submit" variant="primary" disabled={isPending}>
            <UserPlus size={14} aria-hidden /> Add member
          </Button>
        </form>
      ) : null}
      <Table aria-label="Members">
        <thead>
          <tr>
            <Th>Name</Th>
            <Th>E-mail</Th>
            <Th>Role</Th>
            <Th>Member since</Th>
            {canManage ? (
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {members.map((m) => (
            <Tr key={m.email}>
              <Td className="font-medium">
                {m.name}
                {m.email === selfEmail ? <span className="ml-1 text-muted">(you)</span> : null}
              </Td>
              <Td className="text-muted">{m.email}</Td>
              <Td>
                {canManage ? (
                  <Select
                    aria-label={`Role of ${m.email}`}
                    value={m.role}
                    disabled={isPending}
                    className="w-36"
                    onChange={(e) =>
                      run(
                        () => actions.setRole(m.email, { role: e.target.value as (typeof ROLES)[number] }),
                        `${m.email} is now ${e.target.value}`,
                      )
                    }
                  >
                    {ROLES.map((r) => (
                      <option key={r} value={r}>
                        {r}
                      </option>
                    ))}
                  </Select>
                ) : (
                  m.role
                )}
              </Td>
              <Td className="whitespace-nowrap text-muted">{formatDateTime(m.since)}</Td>
              {canManage ? (
                <Td>
                  <Button
                    size="sm"
                    variant="ghost"
                    aria-label={`Remove ${m.email}`}
                    disabled={isPending}
                    onClick={() => run(() => actions.remove(m.email), `${m.email} removed`)}
                  >
                    Remove
                  </Button>
                </Td>
              ) : null}
            </Tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}
