import Link from "next/link";
import type { Metadata } from "next";
import { requirePageActor } from "@/server/auth/session";
import { listScopes } from "@/server/scopes/list-scopes";
import { pages } from "@/lib/routes";
import { EmptyState, PageHeader } from "@/components/ui/misc";
import { Table, Td, Th, Tr } from "@/components/ui/table";

export const metadata: Metadata = { title: "Registries" };

export default async function RegistriesPage() {
  const actor = await requirePageActor();
  const registries = await listScopes(actor, "registry");
  return (
    <>
      <PageHeader
        title="Registries"
        subtitle="Shared places above workspaces: assets published here can be used from any workspace you belong to."
      />
      {registries.length === 0 ? (
        <EmptyState title="You are not a member of any registry" />
      ) : (
        <Table aria-label="Registries">
          <thead>
            <tr>
              <Th>Name</Th>
              <Th>Description</Th>
              <Th>Your role</Th>
            </tr>
          </thead>
          <tbody>
            {registries.map((r) => (
              <Tr key={r.name}>
                <Td className="font-medium">
                  <Link className="text-accent hover:underline" href={pages.section(r, "models")}>
                    {r.displayName}
                  </Link>{" "}
                  <span className="text-muted">({r.name})</span>
                </Td>
                <Td className="text-muted">{r.description}</Td>
                <Td>{r.role}</Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      )}
    </>
  );
}
