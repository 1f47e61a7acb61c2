// The few jStat functions the results pages use (jstat ships no types).
declare module "jstat" {
  type Distribution = {
    cdf(x: number, ...parameters: number[]): number;
  };
  const jstat: {
    jStat: {
      chisquare: { cdf(x: number, degreesOfFreedom: number): number };
      normal: { cdf(x: number, mean: number, standardDeviation: number): number };
      studentt: Distribution;
    };
  };
  export default jstat;
}
