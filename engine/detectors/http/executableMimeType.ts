// EXECUTABLE_MIME_TYPE (4.2.6): an HTTP response whose MIME type is an executable ("Download of an
// executable"). Two linked evidence, as upstream: the downloading host and the server, both low.
import type { FlowRecord } from '../../flow';
import type { DetectorContext } from '../detector';
import type { RoutedDetector } from '../flowAlerts/app/router';
import { ipParty, makeEvidence } from '../makeEvidence';
import { link } from '../flowAlerts/app/common';
import { HTTP_ANALYZER } from './common';

/** Windows PE and DOS executables, help files, and the generic binary type. */
const EXECUTABLE_MIME_TYPES = new Set([
  'application/x-msdownload',
  'application/x-ms-dos-executable',
  'application/x-ms-exe',
  'application/x-exe',
  'application/x-winexe',
  'application/x-winhlp',
  'application/x-winhelp',
  'application/octet-stream',
  'application/x-dosexec',
]);

export class ExecutableMimeType implements RoutedDetector {
  readonly name = HTTP_ANALYZER;
  readonly kinds = ['http'] as const;

  onRecord(rec: FlowRecord, ctx: DetectorContext): void {
    if (rec.kind !== 'http' || ctx.role !== 'Client' || rec.respMimeTypes.length === 0) return;
    const mime = rec.respMimeTypes.find((m) => EXECUTABLE_MIME_TYPES.has(m));
    if (!mime) return;
    const common = {
      type: 'EXECUTABLE_MIME_TYPE' as const,
      // Upstream prints the record's whole MIME list; Zeek's own set syntax is used here.
      description: `Download of an executable with MIME type: ${rec.respMimeTypes.join(',')} by ${rec.saddr} from ${rec.daddr}.`,
      threatLevel: 'low' as const,
      confidence: 1,
      tw: ctx.tw,
      uids: [rec.uid],
      timestamp: rec.ts,
      proto: rec.proto,
      srcPort: rec.sport,
      dstPort: rec.dport,
      module: HTTP_ANALYZER,
      facts: { mimeType: mime, host: rec.host, uri: rec.uri },
    };
    const [byClient, byServer] = link(
      makeEvidence({ ...common, attacker: ipParty(rec.saddr, 'SRC'), victim: ipParty(rec.daddr, 'DST') }),
      makeEvidence({ ...common, attacker: ipParty(rec.daddr, 'DST'), victim: ipParty(rec.saddr, 'SRC') }),
    );
    ctx.emit(byClient);
    ctx.emit(byServer);
  }
}
