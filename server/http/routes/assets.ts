import "server-only";
import { AppError } from "@/lib/errors";
import {
  createDataVersionSchema,
  createEnvironmentBodySchema,
  createDataFromPathBodySchema,
  shareAssetVersionSchema,
  updateAssetVersionSchema,
  type AssetKind,
} from "@/lib/schemas/assets";
import type { ScopeKind } from "@/lib/scopes";
import { apiRoute, json, readJson, scopeFromParams, searchParamsOf, type ScopeParams } from "@/server/http/api";
import { jsonField, withUpload } from "@/server/http/upload";
import { listAssets, listAssetVersions } from "@/server/assets/list-assets";
import { getDataVersion, getEnvironmentVersion } from "@/server/assets/get-asset-version";
import { createEnvironmentVersion } from "@/server/assets/create-environment-version";
import { createDataVersion } from "@/server/assets/create-data-version";
import { createDataVersionFromPath } from "@/server/assets/snapshot-server-path";
import { updateAssetVersion } from "@/server/assets/update-asset-version";
import { shareAssetVersion } from "@/server/assets/share-asset-version";
import { openDataFile, zipDataVersion } from "@/server/assets/data-files";
import { parseAssetVersionParam } from "@/server/assets/find-asset-version";
import { requireScope } from "@/server/scopes/scope-access";
import { fileResponse, zipResponse } from "@/server/http/downloads";
import { ASSET_LABEL, registerComponentBodySchema, registerComponentFieldsSchema } from "@/lib/schemas/assets";
import { registerComponent, registerComponentFromUpload } from "@/server/components/register-component";
import { getComponentVersion } from "@/server/components/get-component";
import { zipComponentVersion } from "@/server/components/component-files";

// Route handlers for environments, data assets and components, made once per kind of asset and kind of scope.
// Path params arrive percent-decoded from Next (see routes/models.ts).

type AssetParams = ScopeParams & { name: string };
type VersionParams = AssetParams & { version: string };
type FileParams = VersionParams & { path: string[] };

function versionOf(kind: AssetKind, params: VersionParams): number | "latest" {
  const version = parseAssetVersionParam(params.version);
  if (Number.isNaN(version))
    throw new AppError("not_found", `${ASSET_LABEL[kind]} version ${params.name}:${params.version} was not found.`);
  return version;
}

function isJsonRequest(req: Request): boolean {
  return (req.headers.get("content-type") ?? "").toLowerCase().startsWith("application/json");
}

function commonRoutes(assetKind: AssetKind, scopeKind: ScopeKind) {
  const get =
    assetKind === "environment" ? getEnvironmentVersion : assetKind === "data" ? getDataVersion : getComponentVersion;
  return {
    list: apiRoute<ScopeParams>(async ({ req, params, actor }) =>
      json(await listAssets(actor, scopeFromParams(scopeKind, params), assetKind, searchParamsOf(req))),
    ),
    listVersions: apiRoute<AssetParams>(async ({ req, params, actor }) =>
      json(
        await listAssetVersions(actor, scopeFromParams(scopeKind, params), assetKind, params.name, searchParamsOf(req)),
      ),
    ),
    getVersion: apiRoute<VersionParams>(async ({ params, actor }) =>
      json(await get(actor, scopeFromParams(scopeKind, params), params.name, versionOf(assetKind, params))),
    ),
    updateVersion: apiRoute<VersionParams>(async ({ req, params, actor }) =>
      json(
        await updateAssetVersion(
          actor,
          scopeFromParams(scopeKind, params),
          assetKind,
          params.name,
          versionOf(assetKind, params),
          updateAssetVersionSchema.parse(await readJson(req)),
        ),
      ),
    ),
    share: apiRoute<VersionParams>(async ({ req, params, actor }) =>
      json(
        await shareAssetVersion(
          actor,
          scopeFromParams(scopeKind, params),
          assetKind,
          params.name,
          versionOf(assetKind, params),
          shareAssetVersionSchema.parse(await readJson(req)),
        ),
        201,
      ),
    ),
  };
}

export function environmentRoutes(scopeKind: ScopeKind) {
  return {
    ...commonRoutes("environment", scopeKind),
    createVersion: apiRoute<AssetParams>(async ({ req, params, actor }) => {
      if (!isJsonRequest(req))
        throw new AppError("bad_request", "Send the environment as JSON ({conda, pip, image, description, tags}).");
      const body = createEnvironmentBodySchema.parse(await readJson(req));
      return json(
        await createEnvironmentVersion(actor, scopeFromParams(scopeKind, params), { ...body, name: params.name }),
        201,
      );
    }),
  };
}

export function dataRoutes(scopeKind: ScopeKind) {
  return {
    ...commonRoutes("data", scopeKind),
    /** Multipart upload of a file or folder, or JSON {path} to snapshot a server path in STUDIO_DATA_ROOTS. */
    createVersion: apiRoute<AssetParams>(async ({ req, params, actor }) => {
      const scope = scopeFromParams(scopeKind, params);
      if (isJsonRequest(req)) {
        const body = createDataFromPathBodySchema.parse(await readJson(req));
        return json(await createDataVersionFromPath(actor, scope, params.name, body), 201);
      }
      const version = await withUpload(
        req,
        () => requireScope(actor, scope, "write"),
        async ({ fields, files }) => {
          const input = createDataVersionSchema.parse({
            name: params.name,
            type: fields.type || undefined,
            description: fields.description,
            tags: jsonField(fields, "tags"),
          });
          return createDataVersion(actor, scope, input, files);
        },
      );
      return json(version, 201);
    }),
    getFile: apiRoute<FileParams>(async ({ params, actor }) => {
      const path = params.path.join("/");
      return fileResponse(
        await openDataFile(actor, scopeFromParams(scopeKind, params), params.name, versionOf("data", params), path),
      );
    }),
    download: apiRoute<VersionParams>(async ({ params, actor }) => {
      const zip = await zipDataVersion(
        actor,
        scopeFromParams(scopeKind, params),
        params.name,
        versionOf("data", params),
      );
      return zipResponse(zip);
    }),
  };
}

export const workspaceEnvironmentRoutes = environmentRoutes("workspace");
export const registryEnvironmentRoutes = environmentRoutes("registry");
export const workspaceDataRoutes = dataRoutes("workspace");
export const registryDataRoutes = dataRoutes("registry");

export function componentRoutes(scopeKind: ScopeKind) {
  return {
    ...commonRoutes("component", scopeKind),
    /** JSON {yaml, description?, tags?} for a component without code; multipart: the folder with the YAML and its code (field `yamlPath` to pick the YAML). */
    register: apiRoute<ScopeParams>(async ({ req, params, actor }) => {
      const scope = scopeFromParams(scopeKind, params);
      if (isJsonRequest(req)) {
        const body = registerComponentBodySchema.parse(await readJson(req));
        const { component, isNew, warnings } = await registerComponent(actor, scope, body);
        return json({ ...component, warnings }, isNew ? 201 : 200);
      }
      const { component, isNew, warnings } = await withUpload(
        req,
        () => requireScope(actor, scope, "write"),
        ({ fields, files }) => {
          const body = registerComponentFieldsSchema.parse({
            yamlPath: fields.yamlPath || undefined,
            description: fields.description,
            tags: jsonField(fields, "tags"),
          });
          return registerComponentFromUpload(actor, scope, body, files);
        },
      );
      return json({ ...component, warnings }, isNew ? 201 : 200);
    }),
    listFiles: apiRoute<VersionParams>(async ({ params, actor }) => {
      const component = await getComponentVersion(
        actor,
        scopeFromParams(scopeKind, params),
        params.name,
        versionOf("component", params),
      );
      return json({ files: component.files });
    }),
    download: apiRoute<VersionParams>(async ({ params, actor }) =>
      zipResponse(
        await zipComponentVersion(
          actor,
          scopeFromParams(scopeKind, params),
          params.name,
          versionOf("component", params),
        ),
      ),
    ),
  };
}

export const workspaceComponentRoutes = componentRoutes("workspace");
export const registryComponentRoutes = componentRoutes("registry");
