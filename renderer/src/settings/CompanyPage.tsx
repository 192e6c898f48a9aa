import { Alert, Button, Card, Group, Progress, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconAlertTriangle, IconBuilding, IconSparkles } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatPercent } from '../format.ts';
import { getClient } from '../lib/api.ts';
import { useCompany } from '../lib/company.tsx';
import { describeCallError, describeError } from '../lib/errors.ts';
import { isFinished, useJob } from '../lib/jobs.ts';
import { notify } from '../lib/notifications.ts';
import { useLanguage } from '../lib/preferences.tsx';
import { CompanyProfileForm } from './CompanyProfileForm.tsx';

/**
 * #/settings/company: the welcome panel while there is no company yet, the profile form after.
 */
export function CompanyPage() {
  const { profile } = useCompany();
  const [settingUp, setSettingUp] = useState(false);
  if (profile === null && !settingUp) return <Welcome onSetUp={() => setSettingUp(true)} />;
  return <CompanyProfileForm />;
}

function Welcome({ onSetUp }: { onSetUp: () => void }) {
  const { t, i18n } = useTranslation();
  const language = useLanguage();
  const { setProfile } = useCompany();
  const { job, pollError, start } = useJob();
  const [problem, setProblem] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const handled = useRef<number | null>(null);

  const running = starting || (job !== null && !isFinished(job));

  const startDemo = async () => {
    setProblem(null);
    setStarting(true);
    try {
      await start({ kind: 'demo.generate', input: {} });
    } catch (error) {
      setProblem(`${t('jobs.startFailed')} ${describeError(i18n, error)}`);
    } finally {
      setStarting(false);
    }
  };

  // A demo job that ended without success says why.
  const jobProblem =
    job && isFinished(job) && job.status !== 'succeeded'
      ? `${t('welcome.demoFailed')} ${job.error ? describeCallError(i18n, job.error) : t(`jobs.status.${job.status}`)}`
      : null;

  // When the demo job has succeeded: load the company it made.
  useEffect(() => {
    if (!job || job.status !== 'succeeded' || handled.current === job.id) return;
    handled.current = job.id;
    getClient()
      .call('company.get', {})
      .then((loaded) => {
        if (!loaded) {
          setProblem(`${t('welcome.demoFailed')} ${t('errors.NOT_FOUND')}`);
          return;
        }
        notify({ kind: 'success', title: t('welcome.demoDone') });
        setProfile(loaded);
      })
      .catch((error: unknown) => setProblem(`${t('welcome.demoFailed')} ${describeError(i18n, error)}`));
  }, [job, i18n, t, setProfile]);

  const percent = job && job.total > 0 ? (job.done / job.total) * 100 : 0;

  return (
    <Stack gap="lg" maw={900} data-testid="welcome">
      <div>
        <Title order={1}>{t('welcome.title')}</Title>
        <Text c="dimmed" mt={4} maw={680}>
          {t('welcome.intro')}
        </Text>
      </div>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <Card withBorder padding="lg">
          <Stack gap="sm" h="100%">
            <Group gap="sm" wrap="nowrap">
              <ThemeIcon variant="light" size="lg">
                <IconBuilding size={20} />
              </ThemeIcon>
              <Title order={2} size="h3">
                {t('welcome.setUpTitle')}
              </Title>
            </Group>
            <Text size="sm">{t('welcome.setUpText')}</Text>
            <Button onClick={onSetUp} disabled={running} mt="auto" size="sm" data-testid="welcome-set-up">
              {t('welcome.setUpButton')}
            </Button>
          </Stack>
        </Card>
        <Card withBorder padding="lg">
          <Stack gap="sm" h="100%">
            <Group gap="sm" wrap="nowrap">
              <ThemeIcon variant="light" size="lg" color="grape">
                <IconSparkles size={20} />
              </ThemeIcon>
              <Title order={2} size="h3">
                {t('welcome.demoTitle')}
              </Title>
            </Group>
            <Text size="sm">{t('welcome.demoText')}</Text>
            <Button
              onClick={() => void startDemo()}
              loading={running}
              variant="default"
              mt="auto"
              size="sm"
              data-testid="welcome-demo"
            >
              {t('welcome.demoButton')}
            </Button>
          </Stack>
        </Card>
      </SimpleGrid>
      {job && !isFinished(job) && (
        <Stack gap={4} data-testid="demo-progress">
          <Text size="sm">
            {t('welcome.demoRunning')} · {t('jobs.progress', { percent: formatPercent(job.done, job.total, language) })}
          </Text>
          <Progress value={percent} animated aria-label={t('welcome.demoRunning')} />
        </Stack>
      )}
      {(problem ?? jobProblem ?? pollError) !== null && (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} role="alert">
          {problem ?? jobProblem ?? describeError(i18n, pollError)}
        </Alert>
      )}
    </Stack>
  );
}
