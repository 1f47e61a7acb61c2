// Whether a survey takes answers no more: closed by hand, or past its closing time.
export function isSurveyClosed(survey: { status: string; closesAt: Date | null }, now: Date): boolean {
  return survey.status === "closed" || (survey.closesAt !== null && survey.closesAt <= now);
}
