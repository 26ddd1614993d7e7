// The "Tier" choice of an admin list's GET filter form: any tier, or one by slug.
import { inputClass } from "@/components/ui/styles";

export function TierFilter({ id, value, tiers }: { id: string; value: string | undefined; tiers: { slug: string; name: string }[] }) {
  return (
    <div>
      <label htmlFor={id} className="block">Tier</label>
      <select id={id} name="tier" defaultValue={value ?? ""} className={inputClass}>
        <option value="">Any</option>
        {tiers.map((tier) => (
          <option key={tier.slug} value={tier.slug}>{tier.name}</option>
        ))}
      </select>
    </div>
  );
}
