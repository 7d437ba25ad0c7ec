import { z } from 'zod';

/** Every section of the booklet, by the ids the booklet itself uses. */
export const GUIDANCE_IDS = [
  '1章-1', '1章-2', '1章-3', '1章-4', '1章-5',
  '2章-1', '2章-2', '2章-3', '2章-4', '2章-5',
  '3章-1', '3章-2', '3章-3', '3章-4',
  '4章-1', '4章-2', '4章-3', '4章-4', '4章-5', '4章-6', '4章-7', '4章-8',
  '付録-1', '付録-2', '付録-3',
] as const;
export const GuidanceId = z.enum(GUIDANCE_IDS);
export type GuidanceId = z.infer<typeof GuidanceId>;
