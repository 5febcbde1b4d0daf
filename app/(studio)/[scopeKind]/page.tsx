import { notFound } from "next/navigation";

// A first segment no page matches (/workspaces alone, /no-such-page): the studio's not-found page, in
// its shell, rather than the bare one outside it.
export default function UnknownTopLevelPage() {
  notFound();
}
