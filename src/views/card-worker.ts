/** A thread that draws social cards (./social-card.ts hands them out): the card's content in, its PNG out. */
import { drawCard, type CardContent } from "./card-drawing.ts";

export default function drawOne(card: CardContent): Promise<Buffer> {
  return drawCard(card);
}
