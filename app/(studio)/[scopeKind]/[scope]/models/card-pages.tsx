import Link from "next/link";
import { notFound } from "next/navigation";
import { roleAllows } from "@/lib/permissions";
import { pages } from "@/lib/routes";
import type { ModelCardDto } from "@/lib/schemas/model-cards";
import { CARD_FIELDS } from "@/lib/schemas/model-cards";
import { loadScopePage, orNotFound, safeDecode } from "@/server/http/pages";
import { getModelCard } from "@/server/models/model-cards";
import { parseVersionParam } from "@/server/models/find-version";
import { ButtonLink } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/misc";
import { ModelCardView } from "@/components/model-cards/model-card-view";
import { ModelCardForm } from "@/components/model-cards/model-card-form";
import { PrintButton } from "@/components/model-cards/print-button";
import { putModelCardAction } from "@/app/(studio)/[scopeKind]/[scope]/models/actions";

// The model card pages: the card of a model or of one version (printable), and their editors. One loader and
// one layout for both, so the model's and the version's pages cannot drift apart.

type Params = { scopeKind: string; scope: string; name: string; version?: string };

async function loadCard(p: Params) {
  const { actor, scope, ref } = await loadScopePage(p);
  const name = safeDecode(p.name);
  const version = p.version === undefined ? null : parseVersionParam(p.version);
  if (Number.isNaN(version)) notFound();
  const card = await orNotFound(getModelCard(actor, ref, name, version));
  const here = version === null ? pages.asset(ref, "models", name) : pages.assetVersion(ref, "models", name, version);
  return { scope, ref, name, version, card, here, canWrite: roleAllows(scope.role, "write") };
}

function title(name: string, version: number | null) {
  return version === null ? `Model card: ${name}` : `Model card: ${name}:${version}`;
}

export async function ModelCardPage({ params }: { params: Promise<Params> }) {
  const { scope, name, version, card, here, canWrite } = await loadCard(await params);
  return (
    <div className="max-w-3xl">
      <PageHeader
        title={title(name, version)}
        breadcrumbs={
          <Link href={here} className="hover:underline print:hidden">
            {version === null ? name : `${name}:${version}`}
          </Link>
        }
        subtitle={`${scope.kind} ${scope.displayName}`}
        actions={
          <div className="flex gap-2 print:hidden">
            {canWrite ? <ButtonLink href={`${here}/card/edit`}>Edit</ButtonLink> : null}
            <PrintButton />
          </div>
        }
      />
      <ModelCardView card={card} />
    </div>
  );
}

/** What a card itself holds: a version's own fields (inherited ones are the model's, so empty here). */
function ownFields(card: ModelCardDto) {
  const texts = Object.fromEntries(
    CARD_FIELDS.map((key) => [key, card.inherited.includes(key) ? "" : card[key]]),
  ) as Record<(typeof CARD_FIELDS)[number], string>;
  const risk =
    card.version !== null && (card.inherited.includes("risk") || card.revision === 0) ? ("" as const) : card.risk;
  return { ...texts, risk };
}

export async function ModelCardEditPage({ params }: { params: Promise<Params> }) {
  const { ref, name, version, card, here, canWrite } = await loadCard(await params);
  if (!canWrite) notFound();
  return (
    <>
      <PageHeader
        title={`Edit ${title(name, version).toLowerCase()}`}
        breadcrumbs={
          <Link href={`${here}/card`} className="hover:underline">
            {title(name, version)}
          </Link>
        }
        subtitle={
          version === null
            ? "Markdown; raw HTML is not rendered. Versions show this card where their own says nothing."
            : "Write only where this version differs from the model's card."
        }
      />
      <Card>
        <ModelCardForm
          save={putModelCardAction.bind(null, { scope: ref, name, version })}
          version={version}
          card={card}
          own={ownFields(card)}
          doneHref={`${here}/card`}
        />
      </Card>
    </>
  );
}
