import { element, MkvId, stringElement, uintElement, UNKNOWN_SIZE_BYTES, encodeId } from './ebml';

/** Application name written into MuxingApp/WritingApp. */
export const WRITING_APP = 'labs-video-producer';

/**
 * The bytes every PutMedia connection (and every MKV file this package writes) starts with: the EBML
 * header, a live Segment of unknown size, Info with a 1 ms timecode scale, and the source's Tracks.
 */
export function streamHeader(tracksPayload: Buffer): Buffer {
  const ebml = element(
    MkvId.EBML,
    uintElement(MkvId.EBMLVersion, 1),
    uintElement(MkvId.EBMLReadVersion, 1),
    uintElement(MkvId.EBMLMaxIDLength, 4),
    uintElement(MkvId.EBMLMaxSizeLength, 8),
    stringElement(MkvId.DocType, 'matroska'),
    uintElement(MkvId.DocTypeVersion, 4),
    uintElement(MkvId.DocTypeReadVersion, 2),
  );
  const info = element(
    MkvId.Info,
    uintElement(MkvId.TimecodeScale, 1_000_000),
    stringElement(MkvId.MuxingApp, WRITING_APP),
    stringElement(MkvId.WritingApp, WRITING_APP),
  );
  return Buffer.concat([ebml, encodeId(MkvId.Segment), UNKNOWN_SIZE_BYTES, info, element(MkvId.Tracks, tracksPayload)]);
}
