import { createContext, use, useMemo, useState, type ReactNode } from 'react';
import type { CompanyProfile } from '../../../shared/company/profile.ts';

interface CompanyValue {
  /** null until the first set-up (company.get answered null). */
  profile: CompanyProfile | null;
  setProfile: (profile: CompanyProfile | null) => void;
}

const CompanyContext = createContext<CompanyValue | null>(null);

export function useCompany(): CompanyValue {
  const value = use(CompanyContext);
  if (!value) throw new Error('useCompany outside <CompanyProvider>');
  return value;
}

export function CompanyProvider({ initial, children }: { initial: CompanyProfile | null; children: ReactNode }) {
  const [profile, setProfile] = useState(initial);
  const value = useMemo(() => ({ profile, setProfile }), [profile]);
  return <CompanyContext value={value}>{children}</CompanyContext>;
}
