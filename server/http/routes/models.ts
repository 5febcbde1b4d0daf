import "server-only";
import { fileResponse, zipResponse } from "@/server/http/downloads";
import { NextResponse } from "next/server";
import { AppError } from "@/lib/errors";
import {
  publishModelVersionSchema,
  registerModelVersionSchema,
  setModelAliasSchema,
  updateModelVersionSchema,
} from "@/lib/schemas/models";
import type { ScopeKind } from "@/lib/scopes";
import { apiRoute, scopeFromParams, type ScopeParams, json, readJson, searchParamsOf } from "@/server/http/api";
import { jsonField, withUpload } from "@/server/http/upload";
import { listModels, listModelVersions } from "@/server/models/list-models";
import { registerModelVersion } from "@/server/models/register-model-version";
import { getModelVersion } from "@/server/models/get-model-version";
import { updateModelVersion } from "@/server/models/update-model-version";
import { deleteModelVersion } from "@/server/models/delete-model-version";
import { publishModelVersion } from "@/server/models/publish-model-version";
import { openModelFile, zipModelVersion } from "@/server/models/model-files";
import { parseVersionParam } from "@/server/models/find-version";
import { getModelCard, putModelCard } from "@/server/models/model-cards";
import { requireScope } from "@/server/scopes/scope-access";
import { aliasesAt, aliasHistory, deleteModelAlias, listModelAliases, setModelAlias } from "@/server/models/aliases";
import { parseInstant } from "@/lib/format";

/** The aliases as they stood, in the list's shape (when and by whom is in the history beside it). */
function aliasesAtList(history: Awaited<ReturnType<typeof aliasHistory>>) {
  return Object.entries(aliasesAt(history)).map(([alias, version]) => {
    const change = history.find((c) => c.alias === alias)!;
    return { alias, version, updatedAt: change.at, updatedBy: change.by };
  });
}

// Route handlers for models, made once per kind of scope: /workspaces/{workspace}/… and
// /registries/{registry}/… differ only in which scope the path names.
// Next hands route handlers their path params already percent-decoded: decoding them again would
// change names that hold '%' (a file "a%20b.txt" would be served as "a b.txt", "100%.txt" not at all).

type ModelParams = ScopeParams & { name: string };
type VersionParams = ModelParams & { version: string };
type AliasParams = ModelParams & { alias: string };
type FileParams = VersionParams & { path: string[] };

function versionOf(params: VersionParams): number {
  const version = parseVersionParam(params.version);
  if (Number.isNaN(version))
    throw new AppError("not_found", `Model version ${params.name}:${params.version} was not found.`);
  return version;
}

export function modelRoutes(kind: ScopeKind) {
  return {
    /** The model's aliases now, or with ?at=<instant> as they were then; and their history. */
    listAliases: apiRoute<ModelParams>(async ({ req, params, actor }) => {
      const scope = scopeFromParams(kind, params);
      const at = req.nextUrl.searchParams.get("at");
      const instant = at === null ? undefined : parseInstant(at);
      if (instant === null) throw new AppError("invalid", "at must be an ISO 8601 instant.", { field: "at" });
      const history = await aliasHistory(actor, scope, params.name, instant);
      return json({
        aliases: instant ? aliasesAtList(history) : await listModelAliases(actor, scope, params.name),
        history,
      });
    }),
    putAlias: apiRoute<AliasParams>(async ({ req, params, actor }) => {
      const body = setModelAliasSchema.parse(await readJson(req));
      return json(
        await setModelAlias(actor, scopeFromParams(kind, params), params.name, params.alias, body.version, body.reason),
      );
    }),
    deleteAlias: apiRoute<AliasParams>(async ({ req, params, actor }) => {
      const reason = req.nextUrl.searchParams.get("reason") ?? undefined;
      await deleteModelAlias(actor, scopeFromParams(kind, params), params.name, params.alias, reason);
      return new NextResponse(null, { status: 204 });
    }),
    listModels: apiRoute<ScopeParams>(async ({ req, params, actor }) =>
      json(await listModels(actor, scopeFromParams(kind, params), searchParamsOf(req))),
    ),

    listVersions: apiRoute<ModelParams>(async ({ req, params, actor }) =>
      json(await listModelVersions(actor, scopeFromParams(kind, params), params.name, searchParamsOf(req))),
    ),

    /** Multipart upload registers a new version; in a registry, JSON {source, reason} publishes one. */
    createVersion: apiRoute<ModelParams>(async ({ req, params, actor }) => {
      const scope = scopeFromParams(kind, params);
      const name = params.name;
      const isJson = (req.headers.get("content-type") ?? "").toLowerCase().startsWith("application/json");
      if (isJson) {
        if (kind !== "registry")
          throw new AppError("bad_request", "Register a version with a multipart upload of its files.");
        return json(
          await publishModelVersion(actor, scope.name, name, publishModelVersionSchema.parse(await readJson(req))),
          201,
        );
      }
      const version = await withUpload(
        req,
        () => requireScope(actor, scope, "write"),
        async ({ fields, files }) => {
          const input = registerModelVersionSchema.parse({
            name,
            description: fields.description,
            type: fields.type,
            tags: jsonField(fields, "tags"),
            properties: jsonField(fields, "properties"),
            source: jsonField(fields, "source"),
          });
          return registerModelVersion(actor, scope, input, files);
        },
      );
      return json(version, 201);
    }),

    getCard: apiRoute<ModelParams>(async ({ params, actor }) =>
      json(await getModelCard(actor, scopeFromParams(kind, params), params.name, null)),
    ),
    putCard: apiRoute<ModelParams>(async ({ req, params, actor }) =>
      json(await putModelCard(actor, scopeFromParams(kind, params), params.name, null, await readJson(req))),
    ),
    getVersionCard: apiRoute<VersionParams>(async ({ params, actor }) =>
      json(await getModelCard(actor, scopeFromParams(kind, params), params.name, versionOf(params))),
    ),
    putVersionCard: apiRoute<VersionParams>(async ({ req, params, actor }) =>
      json(
        await putModelCard(actor, scopeFromParams(kind, params), params.name, versionOf(params), await readJson(req)),
      ),
    ),

    getVersion: apiRoute<VersionParams>(async ({ params, actor }) =>
      json(await getModelVersion(actor, scopeFromParams(kind, params), params.name, versionOf(params))),
    ),

    updateVersion: apiRoute<VersionParams>(async ({ req, params, actor }) =>
      json(
        await updateModelVersion(
          actor,
          scopeFromParams(kind, params),
          params.name,
          versionOf(params),
          updateModelVersionSchema.parse(await readJson(req)),
        ),
      ),
    ),

    deleteVersion: apiRoute<VersionParams>(async ({ req, params, actor }) => {
      const reason = req.nextUrl.searchParams.get("reason") ?? undefined;
      await deleteModelVersion(
        actor,
        scopeFromParams(kind, params),
        params.name,
        versionOf(params),
        reason?.slice(0, 1000),
      );
      return new NextResponse(null, { status: 204 });
    }),

    getFile: apiRoute<FileParams>(async ({ params, actor }) =>
      fileResponse(
        await openModelFile(
          actor,
          scopeFromParams(kind, params),
          params.name,
          versionOf(params),
          params.path.join("/"),
        ),
      ),
    ),

    download: apiRoute<VersionParams>(async ({ params, actor }) =>
      zipResponse(await zipModelVersion(actor, scopeFromParams(kind, params), params.name, versionOf(params))),
    ),
  };
}

export const workspaceModelRoutes = modelRoutes("workspace");
export const registryModelRoutes = modelRoutes("registry");
