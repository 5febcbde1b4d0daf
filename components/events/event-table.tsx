import Link from "next/link";
import { describeEvent, type EventLike, type EventSentence } from "@/lib/events/describe-event";
import { groupJobEvents } from "@/lib/events/group-events";
import { formatDateTime } from "@/lib/format";
import { Badge, EmptyState } from "@/components/ui/misc";
import { Table, Td, Th, Tr } from "@/components/ui/table";

/** "ran job bright-river-3 — completed": the sentence after the actor, with the subject linked. */
function Sentence({ sentence, outcome }: { sentence: EventSentence; outcome: EventSentence["outcome"] }) {
  const { verb, subject } = sentence;
  return (
    <span>
      {verb}
      {subject.label ? " " : null}
      {subject.href ? (
        <Link className="font-medium text-accent hover:underline" href={subject.href}>
          {subject.label}
        </Link>
      ) : subject.label ? (
        <span className="font-medium">{subject.label}</span>
      ) : null}
      {outcome ? (
        <>
          {" — "}
          <Badge tone={outcome.tone}>{outcome.text}</Badge>
        </>
      ) : null}
    </span>
  );
}

/** A job's later events, folded under its row; open to see each with its time, actor and reason. */
function FoldedEvents({ events }: { events: EventLike[] }) {
  return (
    <details className="group mt-1 text-xs">
      <summary className="w-fit cursor-pointer list-inside text-muted hover:text-text">
        {events.length} more event{events.length === 1 ? "" : "s"} of this job
      </summary>
      <ol className="mt-1 flex flex-col gap-1 border-l-2 border-border pl-3">
        {events.map((e) => {
          const sentence = describeEvent(e);
          return (
            <li key={e.id} className="text-muted">
              <span className="whitespace-nowrap">{formatDateTime(e.at)}</span> · {e.actor}{" "}
              <Sentence sentence={sentence} outcome={sentence.outcome} />
              {sentence.detail ? ` (${sentence.detail})` : null}
              {e.reason ? <span className="block pl-2 italic">{e.reason}</span> : null}
            </li>
          );
        })}
      </ol>
    </details>
  );
}

export function EventTable({
  events,
  label = "Events",
  showScope = true,
}: {
  events: EventLike[];
  label?: string;
  showScope?: boolean;
}) {
  if (events.length === 0) return <EmptyState title="No events">Nothing has been recorded that matches.</EmptyState>;
  return (
    <Table aria-label={label}>
      <thead>
        <tr>
          <Th>Time</Th>
          <Th>Who</Th>
          <Th>What</Th>
          {showScope ? <Th>Where</Th> : null}
          <Th>Reason</Th>
        </tr>
      </thead>
      <tbody>
        {groupJobEvents(events).map(({ event: e, folded, outcome }) => {
          const sentence = describeEvent(e);
          return (
            <Tr key={e.id}>
              <Td className="whitespace-nowrap align-top text-muted">{formatDateTime(e.at)}</Td>
              <Td className="max-w-56 truncate align-top">{e.actor}</Td>
              <Td className="align-top">
                <Sentence sentence={sentence} outcome={outcome ?? sentence.outcome} />
                {sentence.detail ? <span className="block text-xs text-muted">{sentence.detail}</span> : null}
                {folded.length ? <FoldedEvents events={folded} /> : null}
              </Td>
              {showScope ? (
                <Td className="whitespace-nowrap align-top text-muted">
                  {e.scope ? `${e.scope.kind} ${e.scope.name}` : "account"}
                </Td>
              ) : null}
              <Td className="max-w-72 align-top text-muted">{e.reason ?? ""}</Td>
            </Tr>
          );
        })}
      </tbody>
    </Table>
  );
}
