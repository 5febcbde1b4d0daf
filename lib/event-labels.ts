// Human wording for event actions; unknown actions fall back to their code.
const ACTION_LABELS: Record<string, string> = {
  "model.version.registered": "registered model version",
  "model.version.tags_updated": "edited tags of",
  "model.version.description_updated": "edited description of",
  "model.version.archived": "archived",
  "model.version.restored": "restored",
  "model.version.deleted": "deleted",
  "model.version.shared": "shared to a registry",
  "environment.version.created": "created environment version",
  "environment.version.tags_updated": "edited tags of",
  "environment.version.description_updated": "edited description of",
  "environment.version.archived": "archived",
  "environment.version.restored": "restored",
  "environment.version.shared": "shared to a registry",
  "data.version.created": "created data asset version",
  "data.version.tags_updated": "edited tags of",
  "data.version.description_updated": "edited description of",
  "data.version.archived": "archived",
  "data.version.restored": "restored",
  "data.version.shared": "shared to a registry",
  "token.created": "created access token",
  "token.revoked": "revoked access token",
  "auth.sign_in_failed": "failed to sign in as",
  "member.added": "added member",
  "member.role_changed": "changed the role of",
  "member.removed": "removed member",
};

export function describeAction(action: string): string {
  return ACTION_LABELS[action] ?? action;
}

export const EVENT_ACTION_FILTERS = [
  { value: "model.", label: "All model changes" },
  { value: "model.version.registered", label: "Registrations" },
  { value: "model.version.tags_updated", label: "Tag edits" },
  { value: "model.version.shared", label: "Shares to registries" },
  { value: "model.version.archived", label: "Archives" },
  { value: "model.version.deleted", label: "Deletions" },
  { value: "environment.", label: "Environment changes" },
  { value: "data.", label: "Data asset changes" },
  { value: "member.", label: "Membership" },
  { value: "token.", label: "Access tokens" },
  { value: "auth.", label: "Sign-in failures" },
];
